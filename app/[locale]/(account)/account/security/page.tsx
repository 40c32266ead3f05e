// /account/security: two-step verification (authenticator app), passkeys (engineer B's section) and
// recovery codes, each saying what is on. ?required=admin: an admin sent here by
// ADMIN_TWO_STEP_REQUIRED; ?setup=1 after Set up authenticator app; ?on=1 / ?off=1 after a change.
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { requireUser } from '@/lib/auth/session';
import { listReauthenticationProviders } from '@/lib/auth/social/reauthentication-providers';
import { findPendingTotpSecret } from '@/lib/two-step/authenticator';
import { setupQrSvg } from '@/lib/two-step/setup-qr';
import { getTwoStepStatus } from '@/lib/two-step/status';
import { formatSetupKey } from '@/lib/two-step/totp';
import { ReauthenticateLinks } from '../fresh-sign-in-prompt';
import { PasskeysSection } from './passkeys-section';
import { GenerateCodesForm, StartSetupForm, TurnOffForm, TurnOnForm } from './security-forms';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

const PATH = '/account/security';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('security');
  return { title: t('title') };
}

async function SecurityPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const user = await requireUser(PATH);
  const [t, params, locale, status, fresh, pendingSecret] = await Promise.all([
    getTranslations('security'),
    searchParams,
    getLocale(),
    getTwoStepStatus(user.id),
    hasFreshSignIn(),
    findPendingTotpSecret(user.id),
  ]);
  const askPassword = !fresh && Boolean(user.passwordHash);
  const reauthenticate = user.passwordHash ? undefined : <ReauthenticateLinks providers={await listReauthenticationProviders(user.id)} next={PATH} />;
  const qr = pendingSecret ? await setupQrSvg(pendingSecret, user.email ?? user.id) : null;
  const notice = params.on === '1' ? t('app.turnedOn') : params.off === '1' ? t('app.turnedOff') : null;
  return (
    <section>
      <h1>{t('title')}</h1>
      {params.required === 'admin' && !status.on ? (
        <div role="alert" className="notice error">
          {t('adminRequired')}
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="notice success">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">{t('twoStepTitle')}</h2>
        <p>{status.on ? t('twoStepOn') : t('twoStepOff')}</p>
        <h3>{t('app.title')}</h3>
        {status.totp ? (
          <>
            <p>{t('app.on')}</p>
            <TurnOffForm askPassword={askPassword} reauthenticate={reauthenticate} hasPasskeys={status.passkeys > 0} />
          </>
        ) : pendingSecret && qr ? (
          <div className="stack">
            <p>{t('app.scan')}</p>
            <div role="img" aria-label={t('app.qrLabel')} className="qr-code" dangerouslySetInnerHTML={{ __html: qr }} />
            <dl className="details">
              <dt>{t('app.setupKey')}</dt>
              <dd>
                <code>{formatSetupKey(pendingSecret)}</code>
              </dd>
            </dl>
            <TurnOnForm />
          </div>
        ) : (
          <>
            <p>{t('app.off')}</p>
            <StartSetupForm askPassword={askPassword} reauthenticate={reauthenticate} />
          </>
        )}
      </section>

      <PasskeysSection userId={user.id} locale={locale} fresh={fresh} />

      <section aria-labelledby="recovery-codes-heading">
        <h2 id="recovery-codes-heading">{t('codesTitle')}</h2>
        {status.on ? (
          <>
            <p>{t('codes.left', { count: status.recoveryCodesLeft })}</p>
            <GenerateCodesForm askPassword={askPassword} reauthenticate={reauthenticate} />
          </>
        ) : (
          <p className="muted">{t('codes.off')}</p>
        )}
      </section>
    </section>
  );
}

export default withAreaMessages('account/security', SecurityPage);
