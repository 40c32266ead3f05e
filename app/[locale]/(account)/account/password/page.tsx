// /account/password: change the password (current one asked again). Also where an expired password
// is forced to change: proxy.ts and requireUser send every other page here with ?expired=1. An account
// that signs in only through providers sets its first password here instead, after a sign-in within
// FRESH_SIGN_IN_MINUTES (otherwise the page offers to reauthenticate with a connected provider).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { mustChangePassword } from '@/lib/auth/password-expiry';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { listReauthenticationProviders } from '@/lib/auth/social/reauthentication-providers';
import { config } from '@/lib/config';
import { hasRecentStepUp } from '@/lib/two-step/step-up';
import { FreshSignInPrompt, ReauthenticateLinks } from '../fresh-sign-in-prompt';
import { StepUpOptions } from '../step-up-options';
import { InitialPasswordForm, PasswordForm } from './password-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

const PATH = '/account/password';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const [t, user] = await Promise.all([getTranslations('account.password'), getCurrentUser()]);
  return { title: user && !user.passwordHash ? t('setTitle') : t('title') };
}

async function PasswordPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const user = await requireUser(PATH, { allowExpiredPassword: true });
  const t = await getTranslations('account.password');
  if (!user.passwordHash) {
    const [fresh, providers] = await Promise.all([hasFreshSignIn(), listReauthenticationProviders(user.id)]);
    return (
      <section>
        <h1>{t('setTitle')}</h1>
        <p>{t('setIntro')}</p>
        {fresh ? (
          <InitialPasswordForm reauthenticate={<ReauthenticateLinks providers={providers} next={PATH} />} />
        ) : (
          <FreshSignInPrompt providers={providers} next={PATH} minutes={config.FRESH_SIGN_IN_MINUTES} />
        )}
      </section>
    );
  }
  const steppedUp = await hasRecentStepUp();
  return (
    <section>
      <h1>{t('title')}</h1>
      {mustChangePassword(user) ? (
        <div role="alert" className="notice error">
          {t('expired', { days: config.PASSWORD_MAX_AGE_DAYS })}
        </div>
      ) : null}
      <p>{t('intro')}</p>
      <PasswordForm askCurrent={!steppedUp} />
      <StepUpOptions next={PATH} steppedUp={steppedUp} />
    </section>
  );
}

export default withAreaMessages('account/password', PasswordPage);
