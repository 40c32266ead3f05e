import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { readPendingTwoStep } from '@/lib/two-step/login-ticket';
import { getTwoStepStatus } from '@/lib/two-step/status';
import { TwoStepCodeForm, TwoStepRecoveryForm } from './two-step-forms';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('twoStep');
  return { title: t('title') };
}

// /login/two-step[?method=recovery]: the second step of a sign-in (the ticket cookie says whose).
// A code from the authenticator app, a passkey (/login/two-step/passkey) or a recovery code.
export default async function TwoStepPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const pending = await readPendingTwoStep();
  if (!pending) redirect('/login?twoStep=ended');
  const [t, params, status] = await Promise.all([getTranslations('twoStep'), searchParams, getTwoStepStatus(pending.userId)]);
  const recovery = params.method === 'recovery' || (!status.totp && status.passkeys === 0);
  return (
    <section>
      <h1>{t('title')}</h1>
      {recovery ? (
        <>
          <p>{t('recoveryIntro')}</p>
          <TwoStepRecoveryForm />
        </>
      ) : status.totp ? (
        <>
          <p>{t('codeIntro', { minutes: config.TWO_STEP_TICKET_MINUTES })}</p>
          <TwoStepCodeForm />
        </>
      ) : (
        <p>{t('passkeyIntro')}</p>
      )}
      <ul className="stack">
        {status.passkeys > 0 ? (
          <li>
            <Link prefetch={false} href="/login/two-step/passkey">{t('usePasskey')}</Link>
          </li>
        ) : null}
        {recovery ? (
          status.totp ? (
            <li>
              <Link prefetch={false} href="/login/two-step">{t('useApp')}</Link>
            </li>
          ) : null
        ) : (
          <li>
            <Link prefetch={false} href="/login/two-step?method=recovery">{t('useRecoveryCode')}</Link>
          </li>
        )}
        <li>
          <Link prefetch={false} href="/login">{t('cancel')}</Link>
        </li>
      </ul>
    </section>
  );
}
