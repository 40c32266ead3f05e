import './globals.css';

// The document itself (components/page-shell.tsx) and its metadata come from app/[locale]/layout.tsx,
// app/dev/layout.tsx and the root not-found: each knows its locale, which this layout, above the
// [locale] segment, does not (and must not ask the request for, or no page could be prerendered).
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
