// Prerendered at build: served from the build output on every request.
export default function StaticPage() {
  return (
    <main>
      <h1>{0}</h1>
    </main>
  );
}
