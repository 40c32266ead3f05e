// "Three years in a day": a population signs up, logs in, withdraws, restores, goes quiet and comes
// back over simulated years, with one retention sweep per simulated day, and the sweep's promises
// are checked after every sweep. Most actions are bulk SQL (the sweep, not the login form, is under
// test); a sample goes through the real domain functions so their writes meet the sweep too.
// Marketing consent comes and goes at random through the real domain function, and the consent
// promises are checked too: every change mailed once, every consent in force reconfirmed once per
// MARKETING_CONSENT_RECONFIRM_DAYS and never a day late, none kept through dormancy or withdrawal,
// the marketing audience exactly the consents in force. A second, smaller run plays
// INACTIVITY_POLICY=delete: nobody deleted before the period, nor without a warning in time.
// SIM_USERS, SIM_DAYS and SIM_SEED change the size and the run; the seed is printed.
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows, type Database } from '@/db';
import { listMarketingAudience } from '@/db/admin-marketing-audience';
import { mailOutbox, users, type NewUser, type UserRole, type UserStatus } from '@/db/schema';
import { restoreDormantAccount } from '@/db/reactivation-queries';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';
import { withdrawAccount } from '@/lib/account/withdraw-account';
import { restoreAccount } from '@/lib/account/restore-account';
import { attemptLogin } from '@/lib/auth/login';
import { hashPassword } from '@/lib/auth/password-hash';
import { signUp } from '@/lib/auth/sign-up';
import { verifyEmail } from '@/lib/auth/email-verification';
import { config, type Config } from '@/lib/config';
import { completeReactivation } from '@/lib/retention/reactivation';
import { runSweep } from '@/lib/retention/run-sweep';
import { resetDatabase } from './fixtures/database';
import { DAY } from './fixtures/retention';

const USERS = Number(process.env.SIM_USERS ?? 1_000);
// Two years by default to fit the suite's time budget on a 2-core machine; SIM_DAYS=1095 is the full three.
const DAYS = Number(process.env.SIM_DAYS ?? 2 * 365);
const SEED = Number(process.env.SIM_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ADMINS = 3;
const PASSWORD = 'simulated password, reused by everyone';
/** Sweeps run at 03:00 on each simulated day; people act at noon. */
const START = new Date('2031-01-01T03:00:00.000Z');
const ACT_OFFSET_MS = 9 * 3_600_000;

/** mulberry32: small, seedable, good enough to pick who does what. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, chance: (p: number) => next() < p, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type Person = {
  n: number;
  id?: string;
  email: string;
  name: string;
  phone: string | null;
  hash: string;
  signupDay: number;
  willVerify: boolean;
  loginChance: number;
  churnDay: number;
  returnDay?: number;
  dormancies: number;
};

/** An account as the checks see it; times in epoch milliseconds. */
type Row = {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  passwordHash: string | null;
  role: UserRole;
  status: UserStatus;
  createdAt: number;
  emailVerifiedAt: number | null;
  lastLoginAt: number | null;
  withdrawnAt: number | null;
  dormantAt: number | null;
  passwordExpired: boolean;
  sessionVersion: number;
  consent: Record<Channel, { since: number | null; confirmed: number | null }>;
  inactivityWarnedAt: number | null;
  kept: { email: string; name: string | null; phone: string | null; passwordHash: string | null } | null;
};

type Channel = 'email' | 'sms';
const CHANNELS: Channel[] = ['email', 'sms'];

const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/**
 * Every account with its dormant copy, or only the given ones. One JSON document per read: parsing
 * it is far cheaper than a thousand driver rows, and it reads alike on both drivers.
 */
async function readState(db: Database, only?: string[]): Promise<Row[]> {
  const [result] = await queryRows<{ rows: string }>(
    db,
    sql`
      select coalesce(json_agg(json_build_object(
        'id', u.id, 'email', u.email, 'name', u.name, 'phone', u.phone, 'passwordHash', u.password_hash,
        'role', u.role, 'status', u.status, 'createdAt', ${epochMs('u.created_at')},
        'emailVerifiedAt', ${epochMs('u.email_verified_at')}, 'lastLoginAt', ${epochMs('u.last_login_at')},
        'withdrawnAt', ${epochMs('u.withdrawn_at')}, 'dormantAt', ${epochMs('u.dormant_at')},
        'passwordExpired', u.password_expired, 'sessionVersion', u.session_version,
        'consent', json_build_object(
          'email', json_build_object('since', ${epochMs('u.marketing_email_consent_at')}, 'confirmed', ${epochMs('u.marketing_email_confirmed_at')}),
          'sms', json_build_object('since', ${epochMs('u.marketing_sms_consent_at')}, 'confirmed', ${epochMs('u.marketing_sms_confirmed_at')})),
        'inactivityWarnedAt', ${epochMs('u.inactivity_warning_sent_at')},
        'kept', case when d.user_id is null then null
          else json_build_object('email', d.email, 'name', d.name, 'phone', d.phone, 'passwordHash', d.password_hash) end
      )), '[]')::text as rows
      from users u left join dormant_accounts d on d.user_id = u.id
      ${only ? sql`where u.id = any(string_to_array(${only.join(',')}, ',')::uuid[])` : sql``}
    `,
  );
  return JSON.parse(result.rows) as Row[];
}

const lastActivity = (row: Row) => row.lastLoginAt ?? row.createdAt;
const plus = (at: number | null, days: number) => (at === null ? Infinity : at + days * DAY);

describe('three years in a day', () => {
  beforeEach(resetDatabase);

  it(`keeps every retention promise for ${USERS} people over ${DAYS} simulated days`, { timeout: 600_000 }, async () => {
    await simulate(USERS, DAYS, {});
  });

  // Smaller and shorter, with deletion after 200 days instead of 1,095, so that it still sees many.
  const DELETE_RUN = { users: Math.ceil(USERS / 4), days: Math.min(DAYS, 400) };
  it(`with INACTIVITY_POLICY=delete, deletes nobody early or unwarned (${DELETE_RUN.users} people, ${DELETE_RUN.days} days)`, { timeout: 600_000 }, async () => {
    await simulate(DELETE_RUN.users, DELETE_RUN.days, { INACTIVITY_POLICY: 'delete', INACTIVITY_DELETE_DAYS: 200 });
  });
});

async function simulate(USERS: number, DAYS: number, overrides: Partial<Config>) {
  {
    const settings = { ...config, ...overrides };
    const policy = settings.INACTIVITY_POLICY;
    console.log(`[simulation] SIM_SEED=${SEED} SIM_USERS=${USERS} SIM_DAYS=${DAYS} INACTIVITY_POLICY=${policy}`);
    const started = Date.now();
    const cpuAtStart = process.cpuUsage();
    const random = prng(SEED);
    const db = await getDb();
    const sharedHash = await hashPassword(PASSWORD);
    let lateReturnPlanned = false;
    const counts = {
      signups: 0,
      logins: 0,
      withdrawals: 0,
      restores: 0,
      lateReturns: 0,
      reactivations: 0,
      edits: 0,
      deleted: 0,
      dormancies: 0,
      real: 0,
      consentChanges: 0,
      reconfirmations: 0,
      inactivityWarnings: 0,
      inactiveDeleted: 0,
    };
    /** Consent-changed mails owed so far, per account: one per change the domain function made. */
    const consentMailsOwed = new Map<string, number>();
    let consentMailsOwedTotal = 0;
    const reconfirmDays = settings.MARKETING_CONSENT_RECONFIRM_DAYS;

    // A third are already here when the simulation starts, some long quiet; the rest sign up over time.
    const people: Person[] = Array.from({ length: USERS }, (_, n) => ({
      n,
      email: `sim${n}@example.com`,
      name: `Person ${n}`,
      phone: `+8210${String(10_000_000 + n)}`,
      hash: sharedHash,
      signupDay: n < USERS / 3 ? -1 : random.int(0, DAYS - 1),
      willVerify: random.chance(0.95),
      loginChance: [0.5, 0.05, 0.004][random.int(0, 2)],
      churnDay: random.chance(0.4) ? random.int(0, DAYS) : Infinity,
      dormancies: 0,
    }));
    const byId = new Map<string, Person>();

    const initial: NewUser[] = people
      .filter((person) => person.signupDay < 0)
      .map((person) => {
        const createdAt = new Date(START.getTime() - random.int(30, 900) * DAY);
        const lastLoginAt = new Date(Math.max(createdAt.getTime(), START.getTime() - random.int(1, 420) * DAY));
        // Some consented up to two years ago, at any hour: their reconfirmations fall due during the run.
        const consentAt = () => (random.chance(0.3) ? new Date(START.getTime() - random.int(0, reconfirmDays * 24 - 1) * 3_600_000) : null);
        const email = consentAt();
        const sms = consentAt();
        return {
          ...personValues(person),
          createdAt,
          emailVerifiedAt: createdAt,
          lastLoginAt,
          passwordChangedAt: lastLoginAt,
          marketingEmailConsentAt: email,
          marketingEmailConfirmedAt: email,
          marketingSmsConsentAt: sms,
          marketingSmsConfirmedAt: sms,
        };
      });
    const admins: NewUser[] = Array.from({ length: ADMINS }, (_, i) => ({
      email: `admin${i}@example.com`,
      name: `Admin ${i}`,
      phone: null,
      passwordHash: sharedHash,
      role: 'admin',
      createdAt: new Date(START.getTime() - 2_000 * DAY),
      emailVerifiedAt: new Date(START.getTime() - 2_000 * DAY),
      lastLoginAt: new Date(START.getTime() - 1_500 * DAY),
      passwordChangedAt: new Date(START.getTime() - 1_500 * DAY),
    }));
    for (const row of await db.insert(users).values([...initial, ...admins]).returning({ id: users.id, email: users.email })) {
      const person = people.find((p) => p.email === row.email);
      if (person) {
        person.id = row.id;
        byId.set(row.id, person);
      }
    }
    const adminRows = new Map((await readState(db)).filter((row) => row.role === 'admin').map((row) => [row.id, row]));
    expect(adminRows.size).toBe(ADMINS);

    function personValues(person: Person): NewUser {
      // Every number in the simulation is verified (SMS consent needs one) and unique (a verified number belongs to one account).
      const phoneVerifiedAt = person.phone ? new Date(START.getTime() - DAY) : null;
      return { email: person.email, name: person.name, phone: person.phone, phoneVerifiedAt, passwordHash: person.hash, locale: person.n % 2 ? 'ko' : 'en' };
    }

    const seenMail = new Set<string>();
    let mailSince = new Date(0);
    let before = new Map((await readState(db)).map((row) => [row.id, row]));

    for (let day = 0; day < DAYS; day++) {
      const now = new Date(START.getTime() + day * DAY);
      const nowMs = now.getTime();
      const sweep = await runSweep({ now, trigger: 'cron', drainMs: 0, settings: overrides });
      expect(sweep, `sweep on day ${day}`).toMatchObject({ status: 'finished' });
      const after = new Map((await readState(db)).map((row) => [row.id, row]));

      // Which events today's sweep was bound to mail for, checked against the outbox below. Checks
      // collect problems instead of calling expect per row: a million expect calls cost more than the sweeps.
      const problems: string[] = [];
      const check = (ok: boolean, problem: () => string) => {
        if (!ok) problems.push(problem());
      };
      const expectedMail = new Map<string, { template: string; to: string }>();
      for (const [id, prior] of before) {
        const row = after.get(id);
        if (prior.role === 'admin') {
          check(sameRow(row, adminRows.get(id)), () => `admin changed: ${JSON.stringify([adminRows.get(id), row])}`);
          continue;
        }
        const person = byId.get(id)!;
        const who = () => `${person.email} ${JSON.stringify(prior)}`;
        const graceOver = prior.status === 'withdrawn' && plus(prior.withdrawnAt, settings.WITHDRAWAL_GRACE_DAYS) <= nowMs;
        const purgeDue = prior.status === 'dormant' && plus(prior.dormantAt, settings.DORMANT_PURGE_DAYS) <= nowMs;
        const unverifiedDue = prior.status === 'active' && !prior.emailVerifiedAt && plus(prior.createdAt, settings.UNVERIFIED_TTL_DAYS) <= nowMs;
        // INACTIVITY_POLICY=delete: the period is over and the warning for it went out at least the notice period ago.
        const inactiveDue =
          policy === 'delete' &&
          prior.status === 'active' &&
          !unverifiedDue &&
          lastActivity(prior) <= nowMs - settings.INACTIVITY_DELETE_DAYS * DAY &&
          prior.inactivityWarnedAt !== null &&
          prior.inactivityWarnedAt > lastActivity(prior) &&
          prior.inactivityWarnedAt <= nowMs - settings.DORMANCY_NOTICE_DAYS * DAY;
        const deletionDue = graceOver || purgeDue || unverifiedDue || inactiveDue;
        if (!row) {
          check(deletionDue, () => `deleted before its time or unwarned: ${who()}`);
          counts.deleted += 1;
          if (inactiveDue) counts.inactiveDeleted += 1;
          if (!unverifiedDue) expectedMail.set(`account-deleted/${id}`, { template: 'account-deleted', to: person.email });
          continue;
        }
        check(!deletionDue, () => `not deleted on time: ${who()}`);
        const warningDue =
          policy === 'delete' &&
          prior.status === 'active' &&
          !unverifiedDue &&
          lastActivity(prior) <= nowMs - (settings.INACTIVITY_DELETE_DAYS - settings.DORMANCY_NOTICE_DAYS) * DAY &&
          (prior.inactivityWarnedAt === null || prior.inactivityWarnedAt <= lastActivity(prior));
        if (warningDue) {
          counts.inactivityWarnings += 1;
          check(row.inactivityWarnedAt === nowMs, () => `inactivity warning not recorded: ${who()}`);
          expectedMail.set(`inactivity-deletion-warning/${id}/${exactKey(new Date(lastActivity(prior)))}`, { template: 'inactivity-deletion-warning', to: person.email });
        }
        const dormancyDue =
          policy === 'dormant' && prior.status === 'active' && prior.emailVerifiedAt !== null && lastActivity(prior) <= nowMs - settings.DORMANCY_DAYS * DAY;
        check((row.status === 'dormant' && prior.status === 'active') === dormancyDue, () => `dormant ${dormancyDue ? 'late' : 'early'}: ${who()}`);
        if (dormancyDue) {
          person.dormancies += 1;
          counts.dormancies += 1;
          expectedMail.set(`dormant-notice/${id}/${exactKey(new Date(lastActivity(prior)))}`, { template: 'dormant-notice', to: person.email });
        }
        for (const channel of CHANNELS) {
          const held = prior.consent[channel];
          const due = prior.status === 'active' && held.since !== null && plus(held.confirmed, reconfirmDays) <= nowMs && !dormancyDue;
          const now_ = row.consent[channel];
          if (due) {
            counts.reconfirmations += 1;
            check(now_.since === held.since && now_.confirmed === nowMs, () => `${channel} consent not renewed by its reconfirmation: ${who()} ${JSON.stringify(now_)}`);
            expectedMail.set(`consent-reconfirm/${id}/${channel}/${exactKey(new Date(held.confirmed!))}`, { template: 'consent-reconfirm', to: person.email });
          } else if (row.status === prior.status) {
            check(sameRow(now_, held), () => `${channel} consent changed by the sweep: ${who()} ${JSON.stringify(now_)}`);
          }
          // Never late by a day: after each daily sweep, every consent in force was confirmed within the period.
          if (row.status === 'active' && now_.since !== null) check(plus(now_.confirmed, reconfirmDays) > nowMs, () => `${channel} reconfirmation late: ${who()}`);
          else check(now_.since === null && now_.confirmed === null, () => `${channel} consent kept by a ${row.status} account: ${who()}`);
        }
        const data = { email: person.email, name: person.name, phone: person.phone, passwordHash: person.hash };
        const inUsers = { email: row.email, name: row.name, phone: row.phone, passwordHash: row.passwordHash };
        if (row.status === 'dormant') {
          check(Object.values(inUsers).every((value) => value === null), () => `dormant data left in users: ${who()}`);
          check(sameRow(row.kept, data), () => `dormant data not kept whole: ${who()} ${JSON.stringify(row.kept)}`);
        } else {
          check(sameRow(inUsers, data), () => `data of a live account changed: ${who()} ${JSON.stringify(inUsers)}`);
          check(row.kept === null, () => `dormant copy of a live account: ${who()}`);
        }
      }
      expect(problems, `day ${day} (seed ${SEED})`).toEqual([]);

      // Mail of the sweep's two once-per-event kinds: exactly the events above, each once, to the owner.
      const fresh = await db
        .select({ key: mailOutbox.dedupeKey, to: mailOutbox.toAddress, template: mailOutbox.template, createdAt: mailOutbox.createdAt })
        .from(mailOutbox)
        .where(
          and(inArray(mailOutbox.template, ['account-deleted', 'dormant-notice', 'consent-reconfirm', 'inactivity-deletion-warning']), gte(mailOutbox.createdAt, mailSince)),
        );
      const today = new Map<string, { template: string; to: string }>();
      for (const mail of fresh) {
        if (mail.createdAt > mailSince) mailSince = mail.createdAt;
        if (seenMail.has(mail.key)) continue;
        seenMail.add(mail.key);
        today.set(mail.key, { template: mail.template, to: mail.to });
      }
      expect(today, `once-per-event sweep mail on day ${day} (seed ${SEED})`).toEqual(expectedMail);

      // The marketing audience is exactly the consents in force on accounts still active (checked monthly: it reads everyone).
      if (day % 30 === 0) {
        for (const channel of CHANNELS) {
          const audience = (await listMarketingAudience(channel, { limit: 1_000_000 })).map((entry) => entry.userId).sort();
          const inForce = [...after.values()]
            .filter(
              (row) =>
                row.status === 'active' &&
                row.consent[channel].since !== null &&
                (channel === 'email' ? row.email !== null && row.emailVerifiedAt !== null : row.phone !== null),
            )
            .map((row) => row.id)
            .sort();
          expect(audience, `${channel} audience on day ${day} (seed ${SEED})`).toEqual(inForce);
        }
      }

      // The day's actions, at noon, on the state the sweep left.
      before = await act(day, new Date(nowMs + ACT_OFFSET_MS), after);
    }

    const final = await readState(db);
    const dormantNotices = await db
      .select({ key: mailOutbox.dedupeKey })
      .from(mailOutbox)
      .where(eq(mailOutbox.template, 'dormant-notice'));
    for (const person of people.filter((p) => p.id)) {
      expect(dormantNotices.filter((mail) => mail.key.startsWith(`dormant-notice/${person.id}/`)), `dormant notices of ${person.email}`).toHaveLength(
        person.dormancies,
      );
    }
    const consentMails = await db.select({ to: mailOutbox.toAddress }).from(mailOutbox).where(eq(mailOutbox.template, 'consent-changed'));
    for (const [id, owed] of consentMailsOwed) {
      const person = byId.get(id)!;
      expect(consentMails.filter((mail) => mail.to === person.email), `consent-changed mail to ${person.email}`).toHaveLength(owed);
    }
    console.log(
      `[simulation] ${DAYS} days, ${USERS} people in ${((Date.now() - started) / 1000).toFixed(1)} s (${(process.cpuUsage(cpuAtStart).user / 1e6).toFixed(1)} s CPU): ${JSON.stringify(counts)}; ` +
        `end: ${final.filter((row) => row.status === 'active').length} active, ${final.filter((row) => row.status === 'dormant').length} dormant, ` +
        `${final.filter((row) => row.status === 'withdrawn').length} withdrawn`,
    );
    // The run must exercise every path it claims to check.
    const exercised =
      policy === 'delete'
        ? (['signups', 'logins', 'withdrawals', 'deleted', 'inactivityWarnings', 'inactiveDeleted', 'consentChanges', 'reconfirmations'] as const)
        : (['signups', 'logins', 'withdrawals', 'restores', 'lateReturns', 'reactivations', 'deleted', 'dormancies', 'real', 'consentChanges', 'reconfirmations'] as const);
    for (const key of exercised) {
      if (DAYS >= 365 && USERS >= 100) expect(counts[key], key).toBeGreaterThan(0);
    }

    /**
     * One simulated day of people: bulk SQL for most, the real domain functions for a sample. Returns
     * the state after it: bulk logins patched in, every other account touched read back.
     */
    async function act(day: number, at: Date, state: Map<string, Row>): Promise<Map<string, Row>> {
      const touched: string[] = [];
      const rowOf = (person: Person) => (person.id ? state.get(person.id) : undefined);
      const logins: string[] = [];
      const withdrawals: string[] = [];
      const restores: string[] = [];
      const reactivations: string[] = [];
      const lateReturns: string[] = [];
      const consentChanges: string[] = [];

      const newcomers = people.filter((person) => person.signupDay === day);
      const bulk: NewUser[] = [];
      for (const person of newcomers) {
        counts.signups += 1;
        if (person.willVerify && counts.signups % 25 === 0) {
          touched.push(await signUpForReal(person, at));
          continue;
        }
        bulk.push({ ...personValues(person), createdAt: at, passwordChangedAt: at, emailVerifiedAt: person.willVerify ? at : null });
      }
      if (bulk.length) {
        for (const row of await db.insert(users).values(bulk).returning({ id: users.id, email: users.email })) {
          const person = newcomers.find((p) => p.email === row.email)!;
          person.id = row.id;
          byId.set(row.id, person);
          touched.push(row.id);
        }
      }

      for (const person of people) {
        const row = rowOf(person);
        if (!row) continue;
        if (row.status === 'active' && row.emailVerifiedAt) {
          if (random.chance(0.0015)) {
            consentChanges.push(row.id);
          }
          if (random.chance(0.0003)) {
            // The run's first three come back within the grace period, so that every run restores
            // (the third through the real restore), and the next one on the day it ends, when the sweep
            // has not deleted the account yet but the right password no longer opens it; after them, a
            // third of withdrawers come back at random.
            const early = counts.withdrawals + withdrawals.length < 3;
            withdrawals.push(row.id);
            if (early) person.returnDay = day + random.int(1, Math.max(1, Math.min(30, settings.WITHDRAWAL_GRACE_DAYS - 1)));
            else if (!lateReturnPlanned && day + settings.WITHDRAWAL_GRACE_DAYS < DAYS) {
              lateReturnPlanned = true;
              person.returnDay = day + settings.WITHDRAWAL_GRACE_DAYS;
            } else if (random.chance(0.35)) person.returnDay = day + random.int(1, 90);
          } else if (day < person.churnDay && random.chance(person.loginChance)) {
            logins.push(row.id);
          } else if (random.chance(0.001)) {
            counts.edits += 1;
            // A new number, verified through /account/phone: unique, as verified numbers are.
            person.phone = `+8211${String(counts.edits).padStart(8, '0')}`;
            if (random.chance(0.5)) person.name = `${person.name}*`;
            touched.push(row.id);
            await db.update(users).set({ name: person.name, phone: person.phone, phoneVerifiedAt: at }).where(eq(users.id, row.id));
          }
        } else if (row.status === 'withdrawn' && person.returnDay === day) {
          // Back within the grace period: restored. Later, even before the sweep has deleted it,
          // the account is gone for them: the right password gets the plain wrong-credentials answer.
          if (plus(row.withdrawnAt, settings.WITHDRAWAL_GRACE_DAYS) > at.getTime()) restores.push(row.id);
          else lateReturns.push(row.id);
        } else if (row.status === 'dormant' && random.chance(0.012)) {
          reactivations.push(row.id);
        }
      }

      counts.logins += logins.length;
      if (logins.length && day % 30 === 0) {
        const id = logins.pop()!;
        touched.push(id);
        await logInForReal(byId.get(id)!, at, 'ok');
      }
      if (logins.length) await db.update(users).set({ lastLoginAt: at }).where(sql`${users.id} = any(string_to_array(${logins.join(',')}, ',')::uuid[])`);

      for (const id of consentChanges.filter((id) => !withdrawals.includes(id))) {
        const held = state.get(id)!.consent;
        const flip: Channel = random.chance(0.5) ? 'email' : 'sms';
        const wanted = { email: held.email.since !== null, sms: held.sms.since !== null, [flip]: held[flip].since === null };
        const outcome = await updateMarketingConsent({ userId: id, ...wanted, ip: null, now: at });
        if (flip === 'sms' && wanted.sms && byId.get(id)!.phone === null) {
          // No verified number (people who signed up here give none): SMS consent is refused, nothing changes.
          expect(outcome, `SMS consent without a number, ${id}`).toEqual({ status: 'phone-unverified' });
          continue;
        }
        expect(outcome, `consent change of ${id}`).toEqual({ status: 'saved', changed: [flip] });
        counts.consentChanges += 1;
        consentMailsOwed.set(id, (consentMailsOwed.get(id) ?? 0) + 1);
        consentMailsOwedTotal += 1;
        touched.push(id);
      }

      counts.withdrawals += withdrawals.length;
      for (const [index, id] of withdrawals.entries()) {
        const holdsConsent = CHANNELS.some((channel) => state.get(id)!.consent[channel].since !== null);
        // Consent ends with the account: that is the domain function's work, so those go through it.
        if (holdsConsent || (index === 0 && counts.withdrawals % 8 === 0)) {
          counts.real += 1;
          expect(await withdrawAccount({ userId: id, confirmation: { kind: 'password', password: PASSWORD }, reason: null, locale: 'en', now: at })).toMatchObject({ status: 'withdrawn' });
        } else {
          await db
            .update(users)
            .set({ status: 'withdrawn', withdrawnAt: at, sessionVersion: sql`${users.sessionVersion} + 1` })
            .where(eq(users.id, id));
        }
      }

      counts.restores += restores.length;
      for (const id of restores) {
        const person = byId.get(id)!;
        if (counts.restores % 3 === 0) {
          const login = await logInForReal(person, at, 'withdrawn');
          if (login.status !== 'withdrawn') throw new Error('unreachable');
          expect(await restoreAccount({ ticket: login.restoreTicket, method: 'restore', ip: null, userAgent: null, now: at })).toEqual({ status: 'restored', userId: id });
        } else {
          await db
            .update(users)
            .set({ status: 'active', withdrawnAt: null, withdrawalReason: null, lastLoginAt: at, sessionVersion: sql`${users.sessionVersion} + 1` })
            .where(eq(users.id, id));
        }
      }

      counts.lateReturns += lateReturns.length;
      for (const id of lateReturns) await logInForReal(byId.get(id)!, at, 'invalid');

      counts.reactivations += reactivations.length;
      for (const id of reactivations) {
        const person = byId.get(id)!;
        if (counts.reactivations % 4 === 0) {
          const login = await logInForReal(person, at, 'dormant');
          if (login.status !== 'dormant') throw new Error('unreachable');
          const [mail] = await db
            .select({ props: mailOutbox.props })
            .from(mailOutbox)
            .where(and(eq(mailOutbox.template, 'reactivation-code'), eq(mailOutbox.toAddress, person.email)))
            .orderBy(desc(mailOutbox.createdAt))
            .limit(1);
          const code = (mail.props as { code: string }).code;
          expect(await completeReactivation({ ticket: login.reactivationTicket, code, now: at })).toEqual({ status: 'reactivated', userId: id });
        } else {
          expect(await restoreDormantAccount(db, { userId: id, now: at })).toBe(true);
        }
        const [back] = await db.select().from(users).where(eq(users.id, id));
        expect(back, `reactivated with its data: ${person.email} on day ${day}`).toMatchObject({
          status: 'active',
          email: person.email,
          name: person.name,
          phone: person.phone,
          passwordHash: person.hash,
        });
      }

      for (const id of logins) state.set(id, { ...state.get(id)!, lastLoginAt: at.getTime() });
      touched.push(...withdrawals, ...restores, ...reactivations);
      for (const row of touched.length ? await readState(db, touched) : []) state.set(row.id, row);

      // Every consent change mailed at once, once: the outbox holds exactly one result notice per change.
      const [{ count: consentMails }] = await queryRows<{ count: number | string }>(db, sql`select count(*) as count from mail_outbox where template = 'consent-changed'`);
      expect(Number(consentMails), `consent-changed mail after day ${day} (seed ${SEED})`).toBe(consentMailsOwedTotal);
      return state;
    }

    async function logInForReal(person: Person, at: Date, expected: 'ok' | 'withdrawn' | 'dormant' | 'invalid') {
      counts.real += 1;
      const outcome = await attemptLogin({ email: person.email, password: PASSWORD, ip: null, userAgent: null, now: at });
      expect(outcome, `real login of ${person.email}`).toMatchObject({ status: expected });
      return outcome;
    }

    async function signUpForReal(person: Person, at: Date): Promise<string> {
      counts.real += 1;
      // Some tick "Email me product news" on the form: a consent whose result is mailed at once.
      const marketingEmail = person.n % 3 === 0;
      const outcome = await signUp({ name: person.name, email: person.email, password: PASSWORD, locale: 'en', now: at, marketingEmail });
      if (outcome.status !== 'created') throw new Error(`sign-up of ${person.email}: ${outcome.status}`);
      if (marketingEmail) {
        consentMailsOwed.set(outcome.userId, 1);
        consentMailsOwedTotal += 1;
      }
      const [mail] = await db.select({ props: mailOutbox.props }).from(mailOutbox).where(and(eq(mailOutbox.template, 'verify-email'), eq(mailOutbox.toAddress, person.email)));
      const token = new URL((mail.props as { verifyUrl: string }).verifyUrl).searchParams.get('token')!;
      expect(await verifyEmail(token, at)).toEqual({ status: 'verified' });
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, outcome.userId));
      person.id = outcome.userId;
      person.hash = row.passwordHash!;
      person.phone = null; // the sign-up form asks for none
      byId.set(outcome.userId, person);
      return outcome.userId;
    }
  }
}

/** Deep equality for flat rows of strings, numbers, Dates and nulls. */
function sameRow(a: object | null | undefined, b: object | null | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sweep's dedupe-key form of a timestamp (UTC, microseconds). */
function exactKey(at: Date): string {
  return `${at.toISOString().slice(0, -1)}000Z`;
}
