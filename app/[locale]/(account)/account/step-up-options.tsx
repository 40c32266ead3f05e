import { getTranslations } from 'next-intl/server';
import { PasskeyStepUp } from '@/components/step-up/passkey-step-up';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTwoStepStatus } from '@/lib/two-step/status';
import { StepUpCodeForm } from './step-up-code-form';

/**
 * Beside a sensitive form: the ways to confirm it is the person without the password or a new
 * sign-in — a current code (with an authenticator app on) and a passkey (with one on the account).
 * Once stepped up, the notice that the form needs no password for now.
 */
export async function StepUpOptions({ next, steppedUp }: { next: string; steppedUp: boolean }) {
  const user = await getCurrentUser();
  if (!user) return null;
  if (steppedUp) {
    const t = await getTranslations('security.stepUp');
    return (
      <p role="status" className="notice success">
        {t('confirmed', { minutes: config.FRESH_SIGN_IN_MINUTES })}
      </p>
    );
  }
  const status = await getTwoStepStatus(user.id);
  return (
    <>
      {status.totp ? <StepUpCodeForm next={next} /> : null}
      {status.passkeys > 0 ? <PasskeyStepUp next={next} /> : null}
    </>
  );
}
