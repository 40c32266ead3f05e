// /dev/sms: the SMS the app sent while no SOLAPI credentials are set (the local transport), newest
// first, so phone verification works with `npm run dev` alone. 404 when SOLAPI is in use, and in
// production (LOCAL_SMS_INBOX=on) 404 to everyone but signed-in admins (lib/dev/local-inbox-access.ts).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireLocalInboxViewer } from '@/lib/dev/local-inbox-access';
import { readLocalSmsInbox } from '@/lib/sms/local-inbox';
import { isLocalSmsInbox } from '@/lib/sms/transport';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('devSms');
  return { title: t('title'), robots: { index: false } };
}

export default async function DevSmsPage() {
  if (!isLocalSmsInbox()) notFound();
  await requireLocalInboxViewer('sms');
  const [messages, t, format] = await Promise.all([readLocalSmsInbox(), getTranslations('devSms'), getFormatter()]);
  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {messages.length === 0 ? (
        <p className="notice">{t('empty')}</p>
      ) : (
        messages.map((sms) => (
          <article key={sms.id} aria-label={sms.to} style={{ borderTop: '1px solid var(--border)', padding: '1rem 0' }}>
            <dl className="details">
              <dt>{t('to')}</dt>
              <dd>{sms.to}</dd>
              <dt>{t('sentAt')}</dt>
              <dd>{format.dateTime(sms.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}</dd>
              <dt>{t('text')}</dt>
              <dd>
                <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{sms.text}</pre>
              </dd>
            </dl>
          </article>
        ))
      )}
    </section>
  );
}
