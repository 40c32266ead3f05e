// /account: the signed-in person's details, profile and notification forms, a pending email change,
// and links to password (or setting a first one), email, phone number, time zone, connected accounts, signed-in
// devices, sign-in activity, the data download and withdrawal. Anyone else goes to /login?callbackUrl=/account.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { findPendingEmailChange } from '@/lib/account/pending-email-change';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { timeZoneLabel } from '@/lib/i18n/time-zone';
import { formatPhone } from '@/lib/validation/phone';
import { NotificationsForm } from './notifications-form';
import { PendingEmailChange } from './pending-email-change';
import { ProfileForm } from './profile-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function AccountPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const user = await requireUser('/account');
  const [t, tSessions, tPhone, tSecurity, format, params] = await Promise.all([
    getTranslations('account'),
    getTranslations('sessions.links'),
    getTranslations('phone'),
    getTranslations('security'),
    getFormatter(),
    searchParams,
  ]);
  const pending = await findPendingEmailChange(user.id, new Date());
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'long', timeStyle: 'short' }) : t('never'));
  const notice = params.passwordChanged
    ? t('password.changed')
    : params.passwordSet
      ? t('password.set')
      : params.restored
        ? t('restore.restored')
        : params.phoneVerified && user.phone
          ? tPhone('verifiedNotice', { phone: formatPhone(user.phone, config.DEFAULT_PHONE_REGION) })
          : null;

  return (
    <section>
      <h1>{t('title')}</h1>
      {notice ? (
        <div role="status" className="notice success">
          {notice}
        </div>
      ) : null}
      <dl className="details">
        <dt>{t('details.name')}</dt>
        <dd>{user.name || t('notSet')}</dd>
        <dt>{t('details.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('details.phone')}</dt>
        <dd>
          {user.phone ? (
            <>
              {formatPhone(user.phone, config.DEFAULT_PHONE_REGION)} <span className="badge">{user.phoneVerifiedAt ? tPhone('verified') : tPhone('unverified')}</span>
            </>
          ) : (
            t('notSet')
          )}
        </dd>
        <dt>{t('details.timeZone')}</dt>
        <dd>{user.timeZone ? timeZoneLabel(user.timeZone) : t('timeZone.default', { zone: config.ADMIN_TIMEZONE })}</dd>
        <dt>{t('details.emailVerifiedAt')}</dt>
        <dd>{when(user.emailVerifiedAt)}</dd>
        <dt>{t('details.lastLoginAt')}</dt>
        <dd>{when(user.lastLoginAt)}</dd>
        <dt>{t('details.passwordChangedAt')}</dt>
        <dd>{when(user.passwordChangedAt)}</dd>
      </dl>
      {pending ? <PendingEmailChange newEmail={pending.newEmail} expiresAt={when(pending.expiresAt)} /> : null}
      <ul aria-label={t('links.label')}>
        <li>
          <Link prefetch={false} href="/account/password">{user.passwordHash ? t('links.password') : t('password.setTitle')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/email">{t('links.email')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/phone">{tPhone('link')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/time-zone">{t('links.timeZone')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/connections">{t('links.connections')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/security">{tSecurity('link')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/sessions">{tSessions('sessions')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/activity">{tSessions('activity')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/export">{tSessions('export')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/privacy">{t('links.privacy')}</Link>
        </li>
        <li>
          <Link prefetch={false} href="/account/withdraw">{t('links.withdraw')}</Link>
        </li>
      </ul>
      <h2>{t('profile.title')}</h2>
      <ProfileForm name={user.name ?? ''} />
      <h2>{t('notifications.title')}</h2>
      <NotificationsForm email={user.marketingEmailConsentAt !== null} sms={user.marketingSmsConsentAt !== null} phoneVerified={user.phoneVerifiedAt !== null} />
    </section>
  );
}

export default withAreaMessages('account', AccountPage);
