// /account/privacy: "How we use your data" for the signed-in person: the processing table (the same
// source as /privacy and the yearly notice) and the state of their own marketing consent.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ProcessingTable } from '@/components/privacy/processing-table';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { senderName } from '@/lib/consent/sender';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('consent.accountPrivacy');
  return { title: t('title') };
}

export default async function AccountPrivacyPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const user = await requireUser('/account/privacy');
  const [t, format] = await Promise.all([getTranslations('consent.accountPrivacy'), getFormatter()]);
  const day = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'long' }) : '');
  const consent = (since: Date | null, confirmed: Date | null) => ({ state: since ? 'on' : 'off', since: day(since), confirmed: day(confirmed ?? since) });
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro', { sender: senderName(config.OPERATOR_NAME, config.APP_NAME) })}</p>
      <ProcessingTable />
      <h2>{t('marketingTitle')}</h2>
      <ul>
        <li>{t('marketingEmail', consent(user.marketingEmailConsentAt, user.marketingEmailConfirmedAt))}</li>
        <li>{t('marketingSms', consent(user.marketingSmsConsentAt, user.marketingSmsConfirmedAt))}</li>
      </ul>
      <p>
        <Link prefetch={false} href="/account">{t('back')}</Link>
      </p>
    </section>
  );
}
