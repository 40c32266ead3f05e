import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SocialSignIn } from '@/components/social-sign-in';
import { SocialSignInError } from '@/components/social-sign-in-error';
import { enabledSocialProviders } from '@/lib/auth/providers';
import { safeReturnPath } from '@/lib/http/return-path';
import { continueWithProvider } from '../actions';
import { LoginForm } from './login-form';
import { PasskeySignIn } from './passkey-sign-in';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.login');
  return { title: t('title') };
}

// /login: email and password, a passkey (button or the Email field's autofill), or a social provider.
// ?verified=1 and ?reset=1 arrive from the verification link and the reset form, ?twoStep=ended from a
// second step that did not finish; ?error=… from a provider sign-in that did not finish.
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, tTwoStep] = await Promise.all([getTranslations('auth.login'), getTranslations('twoStep')]);
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  const notice = params.verified === '1' ? t('verified') : params.reset === '1' ? t('reset') : params.twoStep === 'ended' ? tTwoStep('ended') : undefined;
  return (
    <section>
      <h1>{t('title')}</h1>
      <SocialSignInError code={typeof params.error === 'string' ? params.error : undefined} />
      <LoginForm callbackUrl={callbackUrl} notice={notice} />
      <PasskeySignIn callbackUrl={callbackUrl} />
      <p>
        <Link prefetch={false} href="/forgot-password">{t('forgot')}</Link>
      </p>
      <p>
        {t('noAccount')} <Link prefetch={false} href="/signup">{t('signUpLink')}</Link>
      </p>
      <SocialSignIn providers={enabledSocialProviders()} action={continueWithProvider} callbackUrl={callbackUrl} />
    </section>
  );
}
