import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/not-found-content';
import { PublicFrame } from '@/components/page-frame';
import { PageShell, shellMetadata } from '@/components/page-shell';
import { getRequestLocale } from '@/lib/i18n/request-locale';

export async function generateMetadata(): Promise<Metadata> {
  return shellMetadata(await getRequestLocale());
}

// A URL no route matches, /en/… and /ko/… included (proxy.ts): outside app/[locale], so it draws the
// document itself, in the request's locale.
export default async function NotFound() {
  return (
    <PageShell locale={await getRequestLocale()}>
      <PublicFrame>
        <NotFoundContent />
      </PublicFrame>
    </PageShell>
  );
}
