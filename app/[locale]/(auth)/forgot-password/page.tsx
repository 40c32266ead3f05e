import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requestPasswordReset } from '../actions';
import { EmailRequestForm } from '../email-request-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.forgot');
  return { title: t('title') };
}

// /forgot-password: asks for a reset link; the answer never says whether the address has an account.
export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth.forgot');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <EmailRequestForm action={requestPasswordReset} messages="auth.forgot" />
    </section>
  );
}
