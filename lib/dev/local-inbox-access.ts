import 'server-only';
import { recordAdminAction } from '@/lib/admin/audit';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';

/**
 * The rule of every local inbox (/dev/mailbox, and the SMS inbox): what lands there holds live
 * sign-in, verification and reset links or codes, so whoever reads it can take over the account.
 * In development it is how one signs up without any provider, open to anyone on the machine.
 * In production it exists only when the operator chose it (LOCAL_MAILBOX=on, LOCAL_SMS_INBOX=on;
 * startup refuses a production start without a provider otherwise), and then only for signed-in admins, each look
 * audited as `<inbox>.view`: anyone else gets the same plain 404 as from the admin console.
 */
export async function requireLocalInboxViewer(inbox: 'mailbox' | 'sms'): Promise<void> {
  if (config.NODE_ENV !== 'production') return;
  const admin = await requireAdmin();
  await recordAdminAction(admin, `${inbox}.view`);
}
