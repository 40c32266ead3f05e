import { headers } from 'next/headers';

// Rendered on every request (it reads a header), like every page of the app; a heading and a form.
export default async function DynamicPage() {
  const userAgent = (await headers()).get('user-agent') ?? '';
  return (
    <main>
      <h1>{userAgent.length}</h1>
      <form>
        <label htmlFor="email">{userAgent.slice(0, 5)}</label>
        <input id="email" name="email" type="email" />
        <button type="submit">{userAgent.slice(0, 2)}</button>
      </form>
    </main>
  );
}
