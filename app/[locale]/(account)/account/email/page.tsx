// /account/email: ask for an email change; a single-use link goes to the new address.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { hasRecentStepUp } from '@/lib/two-step/step-up';
import { StepUpOptions } from '../step-up-options';
import { EmailForm } from './email-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account.email');
  return { title: t('title') };
}

async function EmailPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const user = await requireUser('/account/email');
  const t = await getTranslations('account.email');
  const steppedUp = await hasRecentStepUp();
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro', { email: user.email ?? '', minutes: config.CHANGE_EMAIL_TTL_MINUTES })}</p>
      <EmailForm askCurrent={!steppedUp} />
      <StepUpOptions next="/account/email" steppedUp={steppedUp} />
    </section>
  );
}

export default withAreaMessages('account/email', EmailPage);
