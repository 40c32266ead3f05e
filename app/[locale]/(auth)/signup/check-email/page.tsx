import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SIGNUP_EMAIL_COOKIE } from '@/lib/auth/sign-up';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.checkEmail');
  return { title: t('title') };
}

// /signup/check-email: where every sign-up lands, whether or not the address already had an account.
export default async function CheckEmailPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.checkEmail');
  const email = (await cookies()).get(SIGNUP_EMAIL_COOKIE)?.value;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p role="status">{email ? t('sentTo', { email }) : t('sent')}</p>
      <p>{t('next', { hours: config.VERIFY_EMAIL_TTL_HOURS })}</p>
      <p className="muted">
        {t('noMail')} <Link prefetch={false} href="/verify-email/resend">{t('resendLink')}</Link>
      </p>
    </section>
  );
}
