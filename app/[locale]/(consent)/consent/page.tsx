// /consent?token=…: where the Keep receiving / Stop receiving links of the two-year reconfirmation
// mail land. Opening the page changes nothing; the button on it does (scanners pre-open links).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { checkConsentLink } from '@/lib/consent/answer-consent-link';
import { config } from '@/lib/config';
import { senderName } from '@/lib/consent/sender';
import { ConsentForm } from './consent-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('consent.link');
  return { title: t('title'), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsentPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const t = await getTranslations('consent.link');
  const { token } = await searchParams;
  const check = typeof token === 'string' && token.length <= 300 ? await checkConsentLink(token, new Date()) : { status: 'invalid' as const };
  return (
    <section>
      <h1>{t('title')}</h1>
      {check.status === 'valid' ? (
        <>
          <p>{t(check.action === 'keep' ? 'keepIntro' : 'stopIntro', { sender: senderName(config.OPERATOR_NAME, config.APP_NAME), channel: check.channel })}</p>
          <ConsentForm token={token as string} submitLabel={t(check.action)} accountLabel={t('account')} />
        </>
      ) : (
        <>
          <p role="alert">{t('invalid')}</p>
          <p>
            <Link prefetch={false} href="/account">{t('account')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
