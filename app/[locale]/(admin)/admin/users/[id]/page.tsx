import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { expirePassword, resendVerification, resetTwoStep, restoreUser, signOutUserSession, unlockUser, withdrawMarketingConsent } from '@/app/[locale]/(admin)/actions';
import { ActionForm } from '@/components/admin/action-form';
import { DataTable, nowrap } from '@/components/data-table';
import { SignedInDevicesTable } from '@/components/signed-in-devices-table';
import { isWithinWithdrawalGrace } from '@/lib/account/deletion-date';
import { filterQuery } from '@/lib/admin/login-filters';
import { shortUserAgent } from '@/lib/admin/user-agent';
import { userDetailView } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { listSignedInDevices } from '@/lib/sessions/list-sessions';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.users');
  return { title: t('title') };
}

// GET /admin/users/<id> — one account, its signed-in devices, its recent sign-ins, and the actions that apply to it.
export default async function AdminUserPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  await setPageLocale(params);
  const admin = await requireAdmin();
  const { id } = await params;
  const view = await userDetailView(admin, id, 10);
  if (!view) notFound();
  const { user, logins, twoStep } = view;
  const [t, tAdminSessions, consentT, tSms, tSecurity, devices] = await Promise.all([
    getTranslations('admin'),
    getTranslations('sessions.admin'),
    getTranslations('consent.admin'),
    getTranslations('adminSms'),
    getTranslations('security.admin'),
    listSignedInDevices(user.id, new Date()),
  ]);
  const timeZone = config.ADMIN_TIMEZONE;

  const when = (value: string | null) => (value ? formatInZone(value, timeZone) : t('common.never'));
  const canUnlock = user.locked || user.failedLoginCount > 0;
  const canResend = !user.verified && user.status === 'active' && Boolean(user.email);
  const canExpire = user.hasPassword && !user.passwordExpired;
  // Past its grace period a withdrawn account only waits for the sweep: it cannot come back.
  const canRestore = user.status === 'withdrawn' && isWithinWithdrawalGrace(user.withdrawnAt ? new Date(user.withdrawnAt) : null, new Date());

  return (
    <section>
      <p>
        <Link href="/admin/users" prefetch={false}>
          {t('users.backToList')}
        </Link>
      </p>
      <h1>{user.email ?? user.id}</h1>
      <dl className="details">
        <dt>{t('users.name')}</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt>{t('users.status')}</dt>
        <dd>{t(`users.statuses.${user.status}`)}</dd>
        <dt>{t('users.verified')}</dt>
        <dd>{user.verified ? t('common.yes') : t('common.no')}</dd>
        <dt>{tSms('phone')}</dt>
        <dd>{user.phone ?? '—'}</dd>
        <dt>{tSms('phoneVerifiedAt')}</dt>
        <dd>{user.phoneVerifiedAt ? when(user.phoneVerifiedAt) : tSms('notVerified')}</dd>
        <dt>{t('users.role')}</dt>
        <dd>{t(`users.roles.${user.role}`)}</dd>
        <dt>{t('users.created')}</dt>
        <dd>{when(user.createdAt)}</dd>
        <dt>{t('users.lastLogin')}</dt>
        <dd>{when(user.lastLoginAt)}</dd>
        <dt>{t('users.lock')}</dt>
        <dd>{user.locked && user.lockedUntil ? t('users.locked', { until: when(user.lockedUntil) }) : t('users.notLocked')}</dd>
        <dt>{t('users.failedCount')}</dt>
        <dd>{user.failedLoginCount}</dd>
        <dt>{t('users.passwordExpired')}</dt>
        <dd>{user.passwordExpired ? t('common.yes') : t('common.no')}</dd>
        <dt>{tSecurity('twoStep')}</dt>
        <dd>{twoStep.on ? tSecurity(twoStep.totp ? 'onWithApp' : 'on') : tSecurity('off')}</dd>
        <dt>{tSecurity('passkeys')}</dt>
        <dd>{twoStep.passkeys}</dd>
        <dt>{t('users.marketingConsent')}</dt>
        <dd>{user.hasMarketingConsent ? t('common.yes') : t('common.no')}</dd>
        {user.withdrawnAt ? (
          <>
            <dt>{t('users.withdrawnAt')}</dt>
            <dd>{when(user.withdrawnAt)}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t('users.actions')}</h2>
      {canUnlock || canResend || canExpire || canRestore || user.hasMarketingConsent || twoStep.on ? null : <p className="muted">{t('users.noActions')}</p>}
      <ActionForm
        action={unlockUser}
        fields={{ userId: user.id }}
        submitLabel={t('users.unlock')}
        confirmLabel={t('users.unlockConfirm')}
        disabled={!canUnlock}
      />
      <ActionForm
        action={resendVerification}
        fields={{ userId: user.id }}
        submitLabel={t('users.resend')}
        confirmLabel={t('users.resendConfirm')}
        disabled={!canResend}
      />
      <ActionForm
        action={expirePassword}
        fields={{ userId: user.id }}
        submitLabel={t('users.expire')}
        confirmLabel={t('users.expireConfirm')}
        disabled={!canExpire}
        danger
      />
      <ActionForm
        action={restoreUser}
        fields={{ userId: user.id }}
        submitLabel={t('users.restore')}
        confirmLabel={t('users.restoreConfirm')}
        disabled={!canRestore}
      />
      <p className="muted">{tSecurity('resetHint')}</p>
      <ActionForm
        action={resetTwoStep}
        fields={{ userId: user.id }}
        submitLabel={tSecurity('reset')}
        confirmLabel={tSecurity('resetConfirm')}
        disabled={!twoStep.on && !twoStep.recoveryCodesLeft}
        danger
      />
      <p className="muted">{consentT('withdrawHint')}</p>
      <ActionForm
        action={withdrawMarketingConsent}
        fields={{ userId: user.id }}
        submitLabel={consentT('withdraw')}
        confirmLabel={t('users.marketingWithdrawConfirm')}
        disabled={!user.hasMarketingConsent}
        danger
      />

      <h2>{tAdminSessions('title')}</h2>
      <SignedInDevicesTable
        devices={devices}
        formatDate={(date) => formatInZone(date.toISOString(), timeZone)}
        action={(device) => (
          <ActionForm
            action={signOutUserSession}
            fields={{ userId: user.id, sessionId: device.id }}
            submitLabel={tAdminSessions('signOut')}
            confirmLabel={tAdminSessions('signOutConfirm')}
            danger
          />
        )}
      />

      <h2>{t('users.recentLogins')}</h2>
      <DataTable
        rows={logins.rows}
        rowKey={(row) => row.id}
        empty={t('users.noLogins')}
        emptyClassName="muted"
        columns={[
          { header: t('logins.time'), cell: (row) => formatInZone(row.createdAt, timeZone), className: nowrap },
          { header: t('logins.ip'), cell: (row) => row.ip ?? '—' },
          { header: t('logins.userAgent'), cell: (row) => shortUserAgent(row.userAgent), title: (row) => row.userAgent ?? undefined },
          {
            header: t('logins.result'),
            cell: (row) => (row.success ? t('logins.success') : `${t('logins.failure')} · ${row.reason}`),
            className: (row) => (row.success ? undefined : 'outcome-failure'),
          },
        ]}
      />
      {user.email ? (
        <p>
          <Link href={`/admin/logins${filterQuery({ email: user.email })}`} prefetch={false}>
            {t('users.allLogins')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
