'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { recordAdminAction, withAdminAudit } from '@/lib/admin/audit';
import {
  type ManageOperation,
  expireUserPassword,
  resendVerification,
  resetUserTwoStep,
  restoreUser,
  unlockUser,
  withdrawUserMarketingConsent,
} from '@/lib/admin/manage-user';
import { requireAdmin } from '@/lib/auth/session';
import { type ActionState, errorState, fieldErrorsOf } from '@/lib/forms/action-state';
import { signOutUserSession } from '@/lib/sessions/end-session';
import { retryFailedMail } from '@/lib/mail/retry';
import { runSweep } from '@/lib/retention/run-sweep';

// Every admin action checks the role itself (requireAdmin → 404 for anyone else) before reading
// its input: a proxy or the page that rendered the form is no guarantee.

const confirmedUserSchema = z.object({
  userId: z.uuid('validation.invalid'),
  confirm: z.literal('yes', { error: 'admin.users.confirmRequired' }),
});

type UserOperation = {
  action: string;
  run: ManageOperation;
  doneKey: string;
};

const operations = {
  unlock: { action: 'user.unlock', run: unlockUser, doneKey: 'unlocked' },
  resendVerification: { action: 'user.resend-verification', run: (id, tx) => resendVerification(id, new Date(), tx), doneKey: 'verificationSent' },
  expirePassword: { action: 'user.expire-password', run: expireUserPassword, doneKey: 'passwordExpiredDone' },
  restore: { action: 'user.restore', run: (id, tx) => restoreUser(id, new Date(), tx), doneKey: 'restored' },
  withdrawMarketingConsent: {
    action: 'user.withdraw-marketing-consent',
    run: (id, tx) => withdrawUserMarketingConsent(id, new Date(), tx),
    doneKey: 'marketingConsentWithdrawn',
  },
  resetTwoStep: { action: 'user.reset-two-step', run: (id, tx) => resetUserTwoStep(id, new Date(), tx), doneKey: 'twoStepReset' },
} satisfies Record<string, UserOperation>;

async function manageUser(operation: UserOperation, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const t = await getTranslations();
  const parsed = confirmedUserSchema.safeParse({ userId: formData.get('userId'), confirm: formData.get('confirm') ?? undefined });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, t), formError: t('admin.users.confirmRequired') });
  const userId = parsed.data.userId;
  const outcome = await withAdminAudit(
    admin,
    operation.action,
    (tx) => operation.run(userId, tx),
    (result) => ({ target: userId, details: { outcome: result.status } }),
  );
  if (outcome.status === 'not-found') return errorState({ formError: t('admin.users.notFound') });
  if (outcome.status === 'not-applicable') return errorState({ formError: t('admin.users.notApplicable') });
  revalidatePath(`/admin/users/${parsed.data.userId}`);
  return { status: 'success', message: t(`admin.users.${operation.doneKey}`) };
}

export async function unlockUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.unlock, formData);
}

export async function resendVerificationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.resendVerification, formData);
}

export async function expirePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.expirePassword, formData);
}

export async function restoreUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.restore, formData);
}

const sessionSignOutSchema = confirmedUserSchema.extend({ sessionId: z.uuid('validation.invalid') });

/** "Sign out" on a session in the admin user detail: that device is signed out at its next request. */
export async function signOutUserSessionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const t = await getTranslations();
  const parsed = sessionSignOutSchema.safeParse({ userId: formData.get('userId'), sessionId: formData.get('sessionId'), confirm: formData.get('confirm') ?? undefined });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, t), formError: t('admin.users.confirmRequired') });
  const { userId, sessionId } = parsed.data;
  const signedOut = await withAdminAudit(
    admin,
    'user.sign-out-session',
    (tx) => signOutUserSession(tx, userId, sessionId, new Date()),
    (done) => ({ target: userId, details: { sessionId, outcome: done ? 'done' : 'not_found' } }),
  );
  if (!signedOut) return errorState({ formError: t('sessions.devices.notFound') });
  revalidatePath(`/admin/users/${userId}`);
  return { status: 'success', message: t('sessions.admin.signedOut') };
}

/** "Reset two-step" for someone who lost every factor: app, passkeys and recovery codes go; the person is mailed. */
export async function resetTwoStepAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.resetTwoStep, formData);
}

export async function withdrawMarketingConsentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return manageUser(operations.withdrawMarketingConsent, formData);
}

/** "Run sweep now": the same runSweep (and lease) the cron route uses. */
export async function runSweepNowAction(): Promise<ActionState> {
  const admin = await requireAdmin();
  const t = await getTranslations('admin.sweeps');
  const result = await runSweep({ now: new Date(), trigger: 'admin' });
  const details = result.status === 'skipped' ? { status: result.status, skipped: result.skipped } : { status: result.status, finished: result.finished, counts: result.counts };
  await recordAdminAction(admin, 'sweep.run', { details });
  revalidatePath('/admin/sweeps');
  return { status: 'success', message: t('ran', { status: result.status }) };
}

const mailIdSchema = z.object({ id: z.uuid('validation.invalid') });

export async function retryMailAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const t = await getTranslations();
  const parsed = mailIdSchema.safeParse({ id: formData.get('id') });
  if (!parsed.success) return errorState({ formError: t('validation.invalid') });
  const id = parsed.data.id;
  const count = await withAdminAudit(admin, 'mail.retry', (tx) => retryFailedMail({ id }, tx), (requeued) => ({ target: id, details: { requeued } }));
  revalidatePath('/admin/mail');
  return { status: 'success', message: t('admin.mail.retried', { count }) };
}

export async function retryAllFailedMailAction(): Promise<ActionState> {
  const admin = await requireAdmin();
  const t = await getTranslations('admin.mail');
  const count = await withAdminAudit(admin, 'mail.retry-all', (tx) => retryFailedMail({}, tx), (requeued) => ({ details: { requeued } }));
  revalidatePath('/admin/mail');
  return { status: 'success', message: t('retried', { count }) };
}
