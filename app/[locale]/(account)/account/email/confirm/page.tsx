// /account/email/confirm?token=…: the link mailed to a new address. Opening it makes the change
// (signed in or not): the token is the proof, single use and short-lived.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { confirmEmailChange } from '@/lib/account/confirm-email-change';
import { isLocale } from '@/lib/i18n/locale';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account.emailConfirm');
  return { title: t('title') };
}

export default async function ConfirmEmailPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  const locale = await getLocale();
  const outcome = await confirmEmailChange(token, new Date(), isLocale(locale) ? locale : undefined);
  const t = await getTranslations('account.emailConfirm');
  const ok = outcome.status === 'changed';
  return (
    <section>
      <h1>{t('title')}</h1>
      <div role={ok ? 'status' : 'alert'} className={`notice ${ok ? 'success' : 'error'}`}>
        {outcome.status === 'changed' ? t('changed', { email: outcome.newEmail }) : t(outcome.status)}
      </div>
      <p>
        <Link prefetch={false} href="/account">{t('backToAccount')}</Link>
      </p>
    </section>
  );
}
