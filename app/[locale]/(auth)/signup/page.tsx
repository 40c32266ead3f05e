import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SocialSignIn } from '@/components/social-sign-in';
import { enabledSocialProviders } from '@/lib/auth/providers';
import { continueWithProvider } from '../actions';
import { SignUpForm } from './sign-up-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// Prerendered per locale (proxy.ts, app/[locale]): rendered on its first request, then from Next's cache.
export const dynamic = 'force-static';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.signup');
  return { title: t('title') };
}

// /signup: name, email, password and consent; the account stays unverified until the emailed link is used.
// Or a social provider: a first sign-in with a verified address makes a verified account.
export default async function SignUpPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.signup');
  return (
    <section>
      <h1>{t('title')}</h1>
      <SignUpForm />
      <p>
        {t('haveAccount')} <Link prefetch={false} href="/login">{t('logInLink')}</Link>
      </p>
      <SocialSignIn providers={enabledSocialProviders()} action={continueWithProvider} linkAgreement={false} />
    </section>
  );
}
