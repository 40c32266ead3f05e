import { emptyAction } from './actions';

// A form posting to an empty server action; bench/load.ts reads its hidden fields and posts them.
export default function ActionPage() {
  return (
    <main>
      <form action={emptyAction}>
        <input name="email" type="email" />
        <input name="password" type="password" />
        <button type="submit">{0}</button>
      </form>
    </main>
  );
}
