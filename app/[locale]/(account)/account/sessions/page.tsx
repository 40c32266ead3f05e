// /account/sessions: Signed-in devices. One row per live session of the person (browser and system,
// IP, when it signed in and was last active), "This device" on the current one, "Sign out" on the
// others and "Sign out of all other devices". ?signedOut=1, ?signedOutOthers=<n> and ?error=not-found
// report the last change.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { SubmitButton } from '@/components/form/submit-button';
import { SignedInDevicesTable } from '@/components/signed-in-devices-table';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { listSignedInDevices } from '@/lib/sessions/list-sessions';
import { signOutDevice, signOutOtherDevices } from './actions';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

const PATH = '/account/sessions';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('sessions.devices');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SessionsPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const user = await requireUser(PATH);
  const [t, format, params, currentSessionId] = await Promise.all([getTranslations('sessions.devices'), getFormatter(), searchParams, getCurrentSessionId()]);
  const devices = await listSignedInDevices(user.id, new Date());
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const othersCount = Number(typeof params.signedOutOthers === 'string' ? params.signedOutOthers : NaN);
  const notice = params.signedOut
    ? t('signedOut')
    : Number.isInteger(othersCount) && othersCount >= 0
      ? t('signedOutOthers', { count: othersCount })
      : null;
  const hasOthers = devices.some((device) => device.id !== currentSessionId);

  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {notice ? (
        <div role="status" className="notice success">
          {notice}
        </div>
      ) : null}
      {params.error === 'not-found' ? (
        <div role="alert" className="notice error">
          {t('notFound')}
        </div>
      ) : null}
      <SignedInDevicesTable
        devices={devices}
        formatDate={when}
        action={(device, name) =>
          device.id === currentSessionId ? (
            <strong>{t('thisDevice')}</strong>
          ) : (
            <form action={signOutDevice} aria-label={`${t('signOut')}: ${name}`}>
              <input type="hidden" name="sessionId" value={device.id} />
              <SubmitButton className="secondary">{t('signOut')}</SubmitButton>
            </form>
          )
        }
      />
      {hasOthers ? (
        <form action={signOutOtherDevices}>
          <SubmitButton className="danger">{t('signOutOthers')}</SubmitButton>
        </form>
      ) : (
        <p className="muted">{t('noOthers')}</p>
      )}
    </section>
  );
}
