import type { Metadata } from 'next';
import { PublicFrame } from '@/components/page-frame';
import { PageShell, shellMetadata } from '@/components/page-shell';
import { getRequestLocale } from '@/lib/i18n/request-locale';

export async function generateMetadata(): Promise<Metadata> {
  return shellMetadata(await getRequestLocale());
}

// The local inboxes (/dev/mailbox, /dev/sms) are not under app/[locale] (proxy.ts leaves /dev alone):
// they read the request's locale themselves.
export default async function DevLayout({ children }: { children: React.ReactNode }) {
  return (
    <PageShell locale={await getRequestLocale()}>
      <PublicFrame>{children}</PublicFrame>
    </PageShell>
  );
}
