import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { isResetTokenLive } from '@/lib/auth/password-reset';
import { config } from '@/lib/config';
import { ResetPasswordForm } from './reset-password-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.reset');
  return { title: t('title') };
}

// /reset-password?token=…: the link in the reset mail. Shows the form only while the link is live;
// the token is used up when the form is sent, not when the page opens.
export default async function ResetPasswordPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const t = await getTranslations('auth.reset');
  const { token } = await searchParams;
  const live = typeof token === 'string' && (await isResetTokenLive(token, new Date()));
  if (!live) {
    return (
      <section>
        <h1>{t('invalidTitle')}</h1>
        <p>{t('invalidBody', { minutes: config.RESET_PASSWORD_TTL_MINUTES })}</p>
        <p>
          <Link prefetch={false} href="/forgot-password">{t('requestNew')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t('title')}</h1>
      <ResetPasswordForm token={token} />
    </section>
  );
}
