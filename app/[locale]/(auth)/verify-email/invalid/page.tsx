import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.verify');
  return { title: t('invalidTitle') };
}

// /verify-email/invalid: a verification link that is unknown, expired or replaced by a newer one.
export default async function InvalidVerificationPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.verify');
  return (
    <section>
      <h1>{t('invalidTitle')}</h1>
      <p>{t('invalidBody', { hours: config.VERIFY_EMAIL_TTL_HOURS })}</p>
      <p>
        <Link prefetch={false} href="/verify-email/resend">{t('resendLink')}</Link>
      </p>
    </section>
  );
}
