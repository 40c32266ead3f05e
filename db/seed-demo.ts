import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from './index';
import { dormantAccounts, mailOutbox, sweepRuns, users } from './schema';

export const DEMO_ADMIN_EMAIL = 'admin@example.com';

export async function isDemoSeeded(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
  return Boolean(row);
}

/**
 * Demo data for a development database: an admin, accounts in every state, a week of sign-in
 * attempts (a few thousand, with one noisy IP), some mail (two failed) and sweep runs.
 */
export async function seedDemoData(input: { adminPasswordHash: string; demoPasswordHash: string; now: Date }): Promise<{ users: number; loginEvents: number }> {
  const db = await getDb();
  const { now } = input;
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  return db.transaction(async (tx) => {
    const base = { passwordHash: input.demoPasswordHash, emailVerifiedAt: daysAgo(90), passwordChangedAt: daysAgo(30), createdAt: daysAgo(90) };
    const created = await tx
      .insert(users)
      .values([
        { ...base, email: DEMO_ADMIN_EMAIL, name: 'Admin', role: 'admin', passwordHash: input.adminPasswordHash, lastLoginAt: daysAgo(1) },
        { ...base, email: 'minji@example.com', name: 'Min-ji Kim', locale: 'ko', lastLoginAt: daysAgo(0.1) },
        { ...base, email: 'alex@example.com', name: 'Alex Morgan', locale: 'en', lastLoginAt: daysAgo(2) },
        { ...base, email: 'unverified@example.com', name: 'Not Verified Yet', emailVerifiedAt: null, createdAt: daysAgo(1) },
        { ...base, email: 'locked@example.com', name: 'Locked Out', failedLoginCount: 10, lockCount: 1, lockedUntil: new Date(now.getTime() + 15 * 60_000) },
        { ...base, email: 'expired@example.com', name: 'Old Password', passwordExpired: true, passwordChangedAt: daysAgo(120), lastLoginAt: daysAgo(70) },
        { ...base, email: 'withdrawn@example.com', name: 'Gone Soon', status: 'withdrawn', withdrawnAt: daysAgo(5), withdrawalReason: 'no longer needed' },
        { ...base, email: null, name: null, passwordHash: null, status: 'dormant', dormantAt: daysAgo(10), lastLoginAt: daysAgo(375) },
      ])
      .returning({ id: users.id, status: users.status });
    const dormant = created.find((user) => user.status === 'dormant')!;
    await tx.insert(dormantAccounts).values({ userId: dormant.id, email: 'dormant@example.com', name: 'Sleeping Account', passwordHash: input.demoPasswordHash, movedAt: daysAgo(10) });

    // About 3,000 attempts over 7 days: mostly successes from the demo accounts, a background of
    // typos, and a burst of failures from one IP against one account.
    const inserted = await tx.execute(sql`
      insert into login_events (user_id, email, ip, user_agent, success, reason, provider, created_at)
      select u.id, e.email, e.ip, e.ua, e.success, e.reason, e.provider, e.created_at
      from (
        select case when attack then 'alex@example.com'
                    else (array['minji@example.com','alex@example.com','expired@example.com','locked@example.com','nobody@example.com','admin@example.com'])[1 + floor(r1 * 6)::int] end as email,
               case when attack then '203.0.113.66' else '192.0.2.' || (1 + floor(r2 * 40)::int) end as ip,
               (array['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
                      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
                      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0',
                      'python-requests/2.32.3'])[case when attack then 4 else 1 + floor(r3 * 3)::int end] as ua,
               not attack and r4 < 0.85 as success,
               case when attack then 'wrong_password' when r4 < 0.85 then 'ok' when r4 < 0.95 then 'wrong_password' else 'unknown_email' end as reason,
               case when r3 < 0.9 then 'credentials' else 'google' end as provider,
               ${now.toISOString()}::timestamptz - make_interval(secs => r5 * 7 * 86400) as created_at
        from (select random() r1, random() r2, random() r3, random() r4, random() r5, random() < 0.12 as attack from generate_series(1, 3000)) s
      ) e
      left join users u on u.email = e.email
      returning 1`);
    const loginEvents = Array.isArray(inserted) ? inserted.length : ((inserted as unknown as { rows: unknown[] }).rows?.length ?? 0);

    await tx.insert(mailOutbox).values([
      { toAddress: 'minji@example.com', template: 'password-changed', locale: 'ko', status: 'sent', attempts: 1, dedupeKey: 'seed/sent/1', sentAt: daysAgo(3), props: null },
      { toAddress: 'alex@example.com', template: 'sign-in-blocked', status: 'failed', attempts: 8, lastError: 'Resend 422: The `to` address is invalid', dedupeKey: 'seed/failed/1', props: { name: 'Alex Morgan', lockedUntil: now.toISOString(), resetUrl: 'http://localhost:3000/reset-password' } },
      { toAddress: 'unverified@example.com', template: 'verify-email', status: 'failed', attempts: 8, lastError: 'fetch failed: ECONNRESET', dedupeKey: 'seed/failed/2', props: { verifyUrl: 'http://localhost:3000/verify-email?token=expired-demo', expiresAt: now.toISOString() } },
    ]);
    await tx.insert(sweepRuns).values([
      { startedAt: daysAgo(2), finishedAt: new Date(daysAgo(2).getTime() + 4_200), status: 'finished', trigger: 'cron', counts: { dormancyWarnings: 1, madeDormant: 0, purgedWithdrawn: 0, loginEventsDeleted: 120 } },
      { startedAt: daysAgo(1), finishedAt: new Date(daysAgo(1).getTime() + 3_100), status: 'finished', trigger: 'cron', counts: { dormancyWarnings: 0, madeDormant: 1, purgedWithdrawn: 0, loginEventsDeleted: 98 } },
    ]);
    return { users: created.length, loginEvents };
  });
}
