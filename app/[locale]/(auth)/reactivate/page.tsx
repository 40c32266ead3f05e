import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { readReactivationCookie } from '@/lib/retention/reactivation-cookie';
import { ReactivateForm } from './reactivate-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('reactivate');
  return { title: t('title') };
}

/** Where the login form sends a dormant account after mailing it a code (the `reactivation` cookie holds the ticket). */
export default async function ReactivatePage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<{ limited?: string | string[] }> }) {
  await setPageLocale(segment);
  const t = await getTranslations('reactivate');
  const tLimits = await getTranslations('sendLimits');
  const ticket = await readReactivationCookie();
  const { limited: limitParam } = await searchParams;
  const limited = limitParam === 'codes' || limitParam === 'wrong-codes' ? limitParam : null;
  return (
    <section>
      <h1>{t('title')}</h1>
      {limited ? (
        <div role="alert" className="notice error">
          {tLimits(limited === 'codes' ? 'reactivationCodes' : 'reactivationWrongCodes')}
        </div>
      ) : null}
      {ticket && limited !== 'wrong-codes' ? (
        <>
          <p>{t('intro')}</p>
          <ReactivateForm codeMinutes={config.REACTIVATION_CODE_TTL_MINUTES} />
        </>
      ) : limited ? null : (
        <p>{t('noTicket')}</p>
      )}
      <p>
        <Link prefetch={false} href="/login">{t('logInAgain')}</Link>
      </p>
    </section>
  );
}
