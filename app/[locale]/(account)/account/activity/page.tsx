// /account/activity: Sign-in activity. The person's own sign-in events of the last 90 days, newest
// first, 50 a page (keyset: ?before=/?after= cursors as in the admin log): time, outcome in words,
// browser, IP.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable, nowrap } from '@/components/data-table';
import { encodeCursor } from '@/lib/admin/keyset-cursor';
import { isSocialProviderId, socialProviderName } from '@/lib/auth/providers';
import { requireUser } from '@/lib/auth/session';
import { ACTIVITY_DAYS, activityReasonKey, decodeActivityCursor, listSignInActivity } from '@/lib/sessions/sign-in-activity';
import { describeUserAgent } from '@/lib/sessions/user-agent';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

const PATH = '/account/activity';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('sessions.activity');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ActivityPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const user = await requireUser(PATH);
  const [t, tDevices, format, params] = await Promise.all([getTranslations('sessions.activity'), getTranslations('sessions.devices'), getFormatter(), searchParams]);
  const before = decodeActivityCursor(params.before);
  const after = before ? undefined : decodeActivityCursor(params.after);
  const page = await listSignInActivity(user.id, { before, after }, new Date());
  const outcomeOf = (reason: string, provider: string) => {
    const outcome = t(`reasons.${activityReasonKey(reason)}`, { reason });
    return isSocialProviderId(provider) ? t('withProvider', { outcome, provider: socialProviderName(provider) }) : outcome;
  };
  const deviceOf = (userAgent: string | null) => {
    if (!userAgent) return '—';
    const device = describeUserAgent(userAgent);
    return tDevices('deviceName', { browser: device.browser ?? tDevices('unknownBrowser'), os: device.os ?? tDevices('unknownOs') });
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro', { days: ACTIVITY_DAYS })}</p>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('empty', { days: ACTIVITY_DAYS })}
        emptyClassName="muted"
        columns={[
          { header: t('time'), cell: (row) => format.dateTime(new Date(row.createdAt), { dateStyle: 'medium', timeStyle: 'medium' }), className: nowrap },
          { header: t('outcome'), cell: (row) => outcomeOf(row.reason, row.provider), className: (row) => (row.success ? undefined : 'outcome-failure') },
          { header: t('device'), cell: (row) => deviceOf(row.userAgent), title: (row) => row.userAgent ?? undefined },
          { header: t('ip'), cell: (row) => row.ip ?? '—' },
        ]}
      />
      {page.newer || page.older ? (
        <nav aria-label={t('pages')} className="admin-toolbar">
          {page.newer ? (
            <Link href={`${PATH}?after=${encodeURIComponent(encodeCursor(page.newer))}`} prefetch={false} rel="prev">
              {t('newer')}
            </Link>
          ) : null}
          {page.older ? (
            <Link href={`${PATH}?before=${encodeURIComponent(encodeCursor(page.older))}`} prefetch={false} rel="next">
              {t('older')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
