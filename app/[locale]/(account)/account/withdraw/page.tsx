// /account/withdraw: close the account. Explains, with the real dates, that the data is kept
// WITHDRAWAL_GRACE_DAYS and then deleted, and that logging in before then offers a restore. An account
// with a password confirms with it; one without (provider sign-in only) needs a sign-in within
// FRESH_SIGN_IN_MINUTES, and otherwise is offered to reauthenticate with a connected provider first.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { deletionDateOf } from '@/lib/account/deletion-date';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { requireUser } from '@/lib/auth/session';
import { listReauthenticationProviders } from '@/lib/auth/social/reauthentication-providers';
import { config } from '@/lib/config';
import { FreshSignInPrompt, ReauthenticateLinks } from '../fresh-sign-in-prompt';
import { hasRecentStepUp } from '@/lib/two-step/step-up';
import { StepUpOptions } from '../step-up-options';
import { WithdrawForm } from './withdraw-form';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

const PATH = '/account/withdraw';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account.withdraw');
  return { title: t('title') };
}

async function WithdrawPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const user = await requireUser(PATH);
  const [t, format] = await Promise.all([getTranslations('account.withdraw'), getFormatter()]);
  const now = new Date();
  const date = (value: Date) => format.dateTime(value, { dateStyle: 'long' });
  const minutes = config.FRESH_SIGN_IN_MINUTES;
  const [fresh, providers] = user.passwordHash ? [true, []] : await Promise.all([hasFreshSignIn(), listReauthenticationProviders(user.id)]);
  const steppedUp = await hasRecentStepUp();
  return (
    <section>
      <h1>{t('title')}</h1>
      <ul>
        <li>{t('explainNow', { today: date(now) })}</li>
        <li>{t('explainKept', { days: config.WITHDRAWAL_GRACE_DAYS, deletionDate: date(deletionDateOf(now)) })}</li>
        <li>{t('explainRestore', { deletionDate: date(deletionDateOf(now)) })}</li>
      </ul>
      {user.passwordHash ? (
        <>
          <WithdrawForm confirmation={steppedUp ? 'fresh_sign_in' : 'password'} />
          <StepUpOptions next={PATH} steppedUp={steppedUp} />
        </>
      ) : fresh ? (
        <>
          <p>{t('confirmedBySignIn', { minutes })}</p>
          <WithdrawForm confirmation="fresh_sign_in" reauthenticate={<ReauthenticateLinks providers={providers} next={PATH} />} />
        </>
      ) : (
        <FreshSignInPrompt providers={providers} next={PATH} minutes={minutes} />
      )}
    </section>
  );
}

export default withAreaMessages('account/withdraw', WithdrawPage);
