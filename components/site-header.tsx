import Link from 'next/link';
import { config } from '@/lib/config';
import { HeaderLinks, type HeaderPerson } from './header-links';

/**
 * The site's header. `person`: who is signed in, where the page knows it (components/page-frame.tsx);
 * without it the browser finds out, so that public pages can be prerendered.
 */
export function SiteHeader({ person }: { person?: HeaderPerson | null }) {
  return (
    <header className="site-header">
      <Link prefetch={false} href="/" className="brand">
        {config.APP_NAME}
      </Link>
      <HeaderLinks known={person} />
    </header>
  );
}
