// /dev/mailbox: the mail the app sent while no RESEND_API_KEY is set (the local transport), newest
// first, so sign-up and verification work with `npm run dev` alone. 404 when Resend is in use, and
// in production (LOCAL_MAILBOX=on) to everyone but signed-in admins (lib/dev/local-inbox-access.ts).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireLocalInboxViewer } from '@/lib/dev/local-inbox-access';
import { readLocalMailbox } from '@/lib/mail/local-mailbox';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('devMailbox');
  return { title: t('title'), robots: { index: false } };
}

export default async function DevMailboxPage() {
  await requireLocalInboxViewer('mailbox');
  const mail = await readLocalMailbox();
  if (!mail) notFound();
  const t = await getTranslations('devMailbox');
  const format = await getFormatter();

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {mail.length === 0 ? (
        <p className="notice">{t('empty')}</p>
      ) : (
        mail.map((message) => (
          <article key={message.id} aria-labelledby={`mail-${message.id}`} style={{ borderTop: '1px solid var(--border)', padding: '1rem 0' }}>
            <h2 id={`mail-${message.id}`} style={{ fontSize: '1.1rem', margin: '0 0 .5rem' }}>
              {message.subject}
            </h2>
            <dl className="details">
              <dt>{t('to')}</dt>
              <dd>{message.to}</dd>
              <dt>{t('sentAt')}</dt>
              <dd>{format.dateTime(message.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}</dd>
            </dl>
            {message.links.length > 0 && (
              <>
                <h3 style={{ fontSize: '1rem' }}>{t('links')}</h3>
                <ul>
                  {message.links.map((link) => (
                    <li key={link}>
                      <a href={link}>{link}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <details open={mail[0].id === message.id}>
              <summary>{t('htmlPart')}</summary>
              {/* Links open in the whole tab: the mail's own HTML, isolated from this page. */}
              <iframe
                title={t('frameTitle', { subject: message.subject })}
                srcDoc={message.html.replace('<head>', '<head><base target="_top">')}
                sandbox="allow-top-navigation-by-user-activation allow-popups"
                style={{ width: '100%', height: '32rem', border: '1px solid var(--border)', borderRadius: '6px' }}
              />
            </details>
            <details>
              <summary>{t('textPart')}</summary>
              <pre style={{ whiteSpace: 'pre-wrap', background: 'var(--panel)', padding: '1rem', borderRadius: '6px' }}>{message.text}</pre>
            </details>
          </article>
        ))
      )}
    </section>
  );
}
