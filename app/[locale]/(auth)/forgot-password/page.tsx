import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requestPasswordReset } from '../actions';
import { EmailRequestForm } from '../email-request-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// Prerendered per locale (proxy.ts, app/[locale]): rendered on its first request, then from Next's cache.
export const dynamic = 'force-static';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.forgot');
  return { title: t('title') };
}

// /forgot-password: asks for a reset link; the answer never says whether the address has an account.
export default async function ForgotPasswordPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.forgot');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <EmailRequestForm action={requestPasswordReset} messages="auth.forgot" />
    </section>
  );
}
