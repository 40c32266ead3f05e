'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction, type Refusal } from '@/lib/actions/form-action';
import { recordAdminAction, withAdminAudit } from '@/lib/admin/audit';
import {
  type ManageOperation,
  expireUserPassword,
  resendUserVerification,
  resetUserTwoStep,
  restoreUserAccount,
  unlockUserAccount,
  withdrawUserMarketingConsent,
} from '@/lib/admin/manage-user';
import { errorState } from '@/lib/forms/action-state';
import { endUserSession } from '@/lib/sessions/end-session';
import { retryFailedMail } from '@/lib/mail/retry';
import { runSweep } from '@/lib/retention/run-sweep';

// Every admin action checks the role itself (the 'admin' audience: requireAdmin → 404 for anyone
// else) before reading its input: a proxy or the page that rendered the form is no guarantee.

const confirmedUserSchema = z.object({
  userId: z.uuid('validation.invalid'),
  confirm: z.literal('yes', { error: 'admin.users.confirmRequired' }),
});

const readConfirmedUser = (formData: FormData) => ({ userId: formData.get('userId'), confirm: formData.get('confirm') ?? undefined });

/** A refused confirmation: the field errors, and the form message asking to confirm. */
const confirmRequired = ({ fieldErrors, t }: Refusal) => errorState({ fieldErrors, formError: t('admin.users.confirmRequired') });

type UserOperation = {
  action: string;
  run: ManageOperation;
  doneKey: string;
};

/** One confirmed operation on a user, audited in its transaction. */
function manageUser(operation: UserOperation) {
  return formAction({ audience: 'admin', schema: confirmedUserSchema, input: readConfirmedUser, invalid: confirmRequired }, async ({ input: { userId }, user, t }) => {
    const outcome = await withAdminAudit(
      user,
      operation.action,
      (tx) => operation.run(userId, tx),
      (result) => ({ target: userId, details: { outcome: result.status } }),
    );
    if (outcome.status === 'not-found') return errorState({ formError: t('admin.users.notFound') });
    if (outcome.status === 'not-applicable') return errorState({ formError: t('admin.users.notApplicable') });
    revalidatePath(`/admin/users/${userId}`);
    return { status: 'success', message: t(`admin.users.${operation.doneKey}`) };
  });
}

export const unlockUser = manageUser({ action: 'user.unlock', run: unlockUserAccount, doneKey: 'unlocked' });

export const resendVerification = manageUser({ action: 'user.resend-verification', run: (id, tx) => resendUserVerification(id, new Date(), tx), doneKey: 'verificationSent' });

export const expirePassword = manageUser({ action: 'user.expire-password', run: expireUserPassword, doneKey: 'passwordExpiredDone' });

export const restoreUser = manageUser({ action: 'user.restore', run: (id, tx) => restoreUserAccount(id, new Date(), tx), doneKey: 'restored' });

/** "Reset two-step" for someone who lost every factor: app, passkeys and recovery codes go; the person is mailed. */
export const resetTwoStep = manageUser({ action: 'user.reset-two-step', run: (id, tx) => resetUserTwoStep(id, new Date(), tx), doneKey: 'twoStepReset' });

export const withdrawMarketingConsent = manageUser({
  action: 'user.withdraw-marketing-consent',
  run: (id, tx) => withdrawUserMarketingConsent(id, new Date(), tx),
  doneKey: 'marketingConsentWithdrawn',
});

const sessionSignOutSchema = confirmedUserSchema.extend({ sessionId: z.uuid('validation.invalid') });

/** "Sign out" on a session in the admin user detail: that device is signed out at its next request. */
export const signOutUserSession = formAction(
  {
    audience: 'admin',
    schema: sessionSignOutSchema,
    input: (formData) => ({ ...readConfirmedUser(formData), sessionId: formData.get('sessionId') }),
    invalid: confirmRequired,
  },
  async ({ input: { userId, sessionId }, user, t }) => {
    const signedOut = await withAdminAudit(
      user,
      'user.sign-out-session',
      (tx) => endUserSession(tx, userId, sessionId, new Date()),
      (done) => ({ target: userId, details: { sessionId, outcome: done ? 'done' : 'not_found' } }),
    );
    if (!signedOut) return errorState({ formError: t('sessions.devices.notFound') });
    revalidatePath(`/admin/users/${userId}`);
    return { status: 'success', message: t('sessions.admin.signedOut') };
  },
);

/** "Run sweep now": the same runSweep (and lease) the cron route uses. */
export const runSweepNow = formAction({ audience: 'admin' }, async ({ user, t }) => {
  const result = await runSweep({ now: new Date(), trigger: 'admin' });
  const details = result.status === 'skipped' ? { status: result.status, skipped: result.skipped } : { status: result.status, finished: result.finished, counts: result.counts };
  await recordAdminAction(user, 'sweep.run', { details });
  revalidatePath('/admin/sweeps');
  return { status: 'success', message: t('admin.sweeps.ran', { status: result.status }) };
});

const mailIdSchema = z.object({ id: z.uuid('validation.invalid') });

export const retryMail = formAction(
  { audience: 'admin', schema: mailIdSchema, input: (formData) => ({ id: formData.get('id') }), invalid: ({ t }) => errorState({ formError: t('validation.invalid') }) },
  async ({ input: { id }, user, t }) => {
    const count = await withAdminAudit(user, 'mail.retry', (tx) => retryFailedMail({ id }, tx), (requeued) => ({ target: id, details: { requeued } }));
    revalidatePath('/admin/mail');
    return { status: 'success', message: t('admin.mail.retried', { count }) };
  },
);

export const retryAllFailedMail = formAction({ audience: 'admin' }, async ({ user, t }) => {
  const count = await withAdminAudit(user, 'mail.retry-all', (tx) => retryFailedMail({}, tx), (requeued) => ({ details: { requeued } }));
  revalidatePath('/admin/mail');
  return { status: 'success', message: t('admin.mail.retried', { count }) };
});
