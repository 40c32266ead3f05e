import Link from 'next/link';
import { config } from '@/lib/config';
import { HeaderLinks } from './header-links';

// The same on every page, so that public pages can be prerendered: who is signed in is the
// browser's to find out (components/header-links.tsx).
export function SiteHeader() {
  return (
    <header className="site-header">
      <Link prefetch={false} href="/" className="brand">
        {config.APP_NAME}
      </Link>
      <HeaderLinks />
    </header>
  );
}
