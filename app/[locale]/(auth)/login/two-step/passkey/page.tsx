import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readPendingTwoStep } from '@/lib/two-step/login-ticket';
import { PasskeySecondFactor } from './passkey-second-factor';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('passkeys.secondFactor');
  return { title: t('title') };
}

// /login/two-step/passkey: the second step of a sign-in that passed its password, with one of the
// account's passkeys instead of a code. Without a pending sign-in in this browser, back to /login.
export default async function PasskeySecondFactorPage({ params }: LocaleParams) {
  await setPageLocale(params);
  if (!(await readPendingTwoStep())) redirect('/login');
  const t = await getTranslations('passkeys.secondFactor');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <PasskeySecondFactor />
      <p>
        <Link prefetch={false} href="/login/two-step">{t('useCode')}</Link>
      </p>
    </section>
  );
}
