// The smallest App Router app: what Next.js itself costs per request on this machine, the floor
// under any page of ours (bench/load.ts measures it beside the app's pages).
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
