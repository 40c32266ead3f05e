import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { resendVerification } from '../../actions';
import { EmailRequestForm } from '../../email-request-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.resend');
  return { title: t('title') };
}

// /verify-email/resend: a new verification link; the answer is the same whether or not one was sent.
export default async function ResendVerificationPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.resend');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <EmailRequestForm action={resendVerification} messages="auth.resend" />
    </section>
  );
}
