import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SocialSignIn } from '@/components/social-sign-in';
import { SocialSignInError } from '@/components/social-sign-in-error';
import { enabledSocialProviders } from '@/lib/auth/providers';
import { continueWithProvider } from '../actions';
import { LoginForm } from './login-form';
import { LazyPasskeySignIn } from './lazy-passkey-sign-in';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.login');
  return { title: t('title') };
}

// /login: email and password, a passkey (button or the Email field's autofill), or a social provider.
// ?verified=1 and ?reset=1 arrive from the verification link and the reset form, ?twoStep=ended from a
// second step that did not finish; ?error=… from a provider sign-in that did not finish. Prerendered
// per locale: the browser reads those and ?callbackUrl (components/query-notice.tsx).
export const dynamic = 'force-static';

export default async function LoginPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const [t, tTwoStep] = await Promise.all([getTranslations('auth.login'), getTranslations('twoStep')]);
  const notices = [
    { param: 'verified', value: '1', message: t('verified') },
    { param: 'reset', value: '1', message: t('reset') },
    { param: 'twoStep', value: 'ended', message: tTwoStep('ended') },
  ];
  return (
    <section>
      <h1>{t('title')}</h1>
      <SocialSignInError />
      <LoginForm notices={notices} />
      <LazyPasskeySignIn />
      <p>
        <Link prefetch={false} href="/forgot-password">{t('forgot')}</Link>
      </p>
      <p>
        {t('noAccount')} <Link prefetch={false} href="/signup">{t('signUpLink')}</Link>
      </p>
      <SocialSignIn providers={enabledSocialProviders()} action={continueWithProvider} callbackUrlFromQuery />
    </section>
  );
}
