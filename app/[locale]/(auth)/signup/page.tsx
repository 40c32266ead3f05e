import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SocialSignIn } from '@/components/social-sign-in';
import { enabledSocialProviders } from '@/lib/auth/providers';
import { continueWithProvider } from '../actions';
import { SignUpForm } from './sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signup');
  return { title: t('title') };
}

// /signup: name, email, password and consent; the account stays unverified until the emailed link is used.
// Or a social provider: a first sign-in with a verified address makes a verified account.
export default async function SignUpPage() {
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
