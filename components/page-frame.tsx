import { getCurrentUser } from '@/lib/auth/session';
import { SiteHeader } from './site-header';

/**
 * The header and <main> of a page anyone may open. Who is signed in is the browser's to find out
 * (components/header-links.tsx), so the page reads no request and can be prerendered.
 */
export function PublicFrame({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="content">{children}</main>
    </>
  );
}

/**
 * The header and <main> of the signed-in areas, which render per request anyway: the header names
 * the person in the HTML itself, so it shows at once and Log out works without JavaScript.
 */
export async function SignedInFrame({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader person={user ? { name: user.name ?? user.email ?? '', role: user.role } : null} />
      <main id="content">{children}</main>
    </>
  );
}
