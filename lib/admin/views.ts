import 'server-only';
import { type AdminAuditFilter, listAdminAudit, listAuditActions } from '@/db/admin-audit';
import {
  type LoginEventFilter,
  countLoginAttemptsByHour,
  countRecentFailures,
  listLoginEvents,
  listLoginReasons,
  listTopFailures,
} from '@/db/admin-login-events';
import { countMailByStatus, listFailedMail, listSweepRuns } from '@/db/admin-operations';
import { countMarketingAudience } from '@/db/admin-marketing-audience';
import { findAdminUserView, searchUsersByEmail } from '@/db/admin-users';
import type { KeysetCursor, KeysetPage } from '@/db/keyset';
import type { User } from '@/db/schema';
import { getDb } from '@/db';
import { twoStepReasons } from '@/lib/auth/login-events';
import { config } from '@/lib/config';
import { twoStepStatus } from '@/lib/two-step/status';
import { countSmsCodesToday } from '@/lib/phone/sms-limits';
import { recordAdminAction } from './audit';

// What each admin page shows. Every view is read for an admin whom the page has already checked
// (requireAdmin) and is recorded in the audit log: an auditor can see who looked at what.

export type { AdminAuditFilter, AdminAuditRow } from '@/db/admin-audit';
export type { FailureCount, HourlyAttempts, LoginEventFilter, LoginEventPage, LoginEventRow } from '@/db/admin-login-events';
export type { FailedMailRow, SweepRunRow } from '@/db/admin-operations';
export type { AdminUserRow } from '@/db/admin-users';

type Admin = Pick<User, 'id' | 'email'>;

const NO_ROWS: KeysetPage<never> = { rows: [], newer: null, older: null };

/** /admin: the mail queue by status and failed sign-ins of the last day. */
export async function dashboardView(admin: Admin) {
  const [mail, failures, smsToday] = await Promise.all([countMailByStatus(), countRecentFailures(24), countSmsCodesToday(new Date())]);
  await recordAdminAction(admin, 'dashboard.view');
  return { mail, failures, sms: { today: smsToday, cap: config.SMS_DAILY_CAP } };
}

/**
 * /admin/logins: a page of the login log for a filter (none when the filter did not parse), the
 * attempts per hour of the chart, and the top failing addresses and IPs of the last day.
 */
export async function loginLogView(
  admin: Admin,
  input: {
    filter: LoginEventFilter | null;
    before?: KeysetCursor;
    after?: KeysetCursor;
    limit: number;
    chartHours: number;
    timeZone: string;
    now: Date;
    audited: Record<string, unknown>;
  },
) {
  const [page, hours, top, reasons] = await Promise.all([
    input.filter ? listLoginEvents(input.filter, { before: input.before, after: input.after, limit: input.limit }) : NO_ROWS,
    countLoginAttemptsByHour({ now: input.now, hours: input.chartHours, timeZone: input.timeZone }),
    listTopFailures({ since: new Date(input.now.getTime() - 86_400_000), limit: 5 }),
    listLoginReasons(),
  ]);
  await recordAdminAction(admin, 'logins.view', { details: input.audited });
  // The two-step reasons are offered before any was logged, so a filter for them can be set up ahead.
  return { page, hours, top, reasons: [...new Set([...reasons, ...twoStepReasons])].sort() };
}

/** /admin/users: accounts whose address starts with `prefix`, in address order. */
export async function userSearchView(admin: Admin, input: { prefix: string; after?: string; limit: number }) {
  const result = await searchUsersByEmail(input);
  await recordAdminAction(admin, 'users.view', { details: { q: input.prefix } });
  return result;
}

/** /admin/users/<id>: the account and its latest sign-ins; null when there is no such account. */
export async function userDetailView(admin: Admin, userId: string, recentLogins: number) {
  const user = await findAdminUserView(userId);
  if (!user) return null;
  const [logins, twoStep] = await Promise.all([listLoginEvents({ userId: user.id }, { limit: recentLogins }), twoStepStatus(await getDb(), user.id)]);
  await recordAdminAction(admin, 'user.view', { target: user.id });
  return { user, logins, twoStep };
}

/** /admin/audit: a page of the audit log for a filter (none when it did not parse) and the actions to filter by. */
export async function auditLogView(
  admin: Admin,
  input: { filter: AdminAuditFilter | null; before?: KeysetCursor; after?: KeysetCursor; limit: number; audited: Record<string, unknown> },
) {
  const [page, actions] = await Promise.all([
    input.filter ? listAdminAudit(input.filter, { before: input.before, after: input.after, limit: input.limit }) : NO_ROWS,
    listAuditActions(),
  ]);
  await recordAdminAction(admin, 'audit.view', { details: input.audited });
  return { page, actions };
}

/** /admin/mail: the outbox by status and the latest failed rows, mail and SMS side by side. */
export async function mailQueueView(admin: Admin, failedLimit: number) {
  const [counts, failed, smsCounts, smsFailed] = await Promise.all([
    countMailByStatus('email'),
    listFailedMail(failedLimit, 'email'),
    countMailByStatus('sms'),
    listFailedMail(failedLimit, 'sms'),
  ]);
  await recordAdminAction(admin, 'mail.view');
  return { counts, failed, sms: { counts: smsCounts, failed: smsFailed } };
}

/** /admin/sweeps: the latest retention sweep runs. */
export async function sweepRunsView(admin: Admin, limit: number) {
  const runs = await listSweepRuns(limit);
  await recordAdminAction(admin, 'sweeps.view');
  return runs;
}

/** /admin/marketing: how many people may be sent marketing, per channel. */
export async function marketingAudienceView(admin: Admin) {
  const counts = await countMarketingAudience();
  await recordAdminAction(admin, 'marketing.view');
  return counts;
}
