import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('auth.verify');
  return { title: t('alreadyTitle') };
}

// /verify-email/already-verified: a used verification link of an account that is verified.
export default async function AlreadyVerifiedPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('auth.verify');
  return (
    <section>
      <h1>{t('alreadyTitle')}</h1>
      <p>{t('alreadyBody')}</p>
      <p>
        <Link prefetch={false} href="/login">{t('logInLink')}</Link>
      </p>
    </section>
  );
}
