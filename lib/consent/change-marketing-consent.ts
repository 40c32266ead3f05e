import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { consentEvents, users, type ConsentChannel, type ConsentSource, type Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { enqueueMail } from '@/lib/mail/enqueue';
import type { ConsentChangeKind } from '@/lib/mail/templates';

export type MarketingConsentChange = { channel: ConsentChannel; kind: Exclude<ConsentChangeKind, 'unchanged'> };

export type ChangeMarketingConsentInput = {
  userId: string;
  /** The wanted state per channel; channels left out stay as they are. */
  set: Partial<Record<ConsentChannel, boolean>>;
  source: ConsentSource;
  ip: string | null;
  now: Date;
  /** Language of the result notice when the account has none saved. */
  locale?: Locale;
  /**
   * A grant of a consent already in force renews its confirmation (and is recorded and mailed as
   * "kept") instead of being a no-op: the person answered the two-year reconfirmation notice.
   */
  renew?: boolean;
  /**
   * 'mail' (default): the result notice goes out as its own mail. 'folded': the caller's own mail
   * tells the result (withdrawal), so none is sent here.
   */
  notice?: 'mail' | 'folded';
};

export type ChangeMarketingConsentOutcome =
  | { status: 'saved'; changes: MarketingConsentChange[] }
  | { status: 'not-found' }
  /** SMS consent was asked for without a verified phone number: nothing changed. */
  | { status: 'phone-unverified' };

const consentColumn = { email: 'marketingEmailConsentAt', sms: 'marketingSmsConsentAt' } as const;
const confirmedColumn = { email: 'marketingEmailConfirmedAt', sms: 'marketingSmsConfirmedAt' } as const;

/**
 * The one place marketing consent changes for a person (account page, links in the reconfirmation
 * mail, withdrawal, admins, a removed phone number): it updates the consent on users, writes every
 * change to consent_events (the proof), and enqueues the result notice the law asks for
 * (정보통신망법 시행령 제62조의2: sender, what changed, the date, the result), all in the caller's
 * transaction. A grant keeps its original time while it stands; a withdrawal clears it.
 * (Dormancy ends consent in bulk inside the sweep's SQL: db/consent-queries.ts.)
 */
export async function changeMarketingConsent(tx: Queryable, input: ChangeMarketingConsentInput): Promise<ChangeMarketingConsentOutcome> {
  const [user] = await tx
    .select({
      email: users.email,
      name: users.name,
      locale: users.locale,
      timeZone: users.timeZone,
      marketingEmailConsentAt: users.marketingEmailConsentAt,
      marketingSmsConsentAt: users.marketingSmsConsentAt,
      phoneVerifiedAt: users.phoneVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, input.userId))
    .for('update');
  if (!user) return { status: 'not-found' };
  if (input.set.sms && user.marketingSmsConsentAt === null && user.phoneVerifiedAt === null) return { status: 'phone-unverified' };

  const changes: MarketingConsentChange[] = [];
  const update: Partial<typeof users.$inferInsert> = {};
  for (const channel of ['email', 'sms'] as const) {
    const wanted = input.set[channel];
    if (wanted === undefined) continue;
    const inForce = user[consentColumn[channel]] !== null;
    if (wanted && !inForce) {
      changes.push({ channel, kind: 'granted' });
      update[consentColumn[channel]] = input.now;
      update[confirmedColumn[channel]] = input.now;
    } else if (wanted && inForce && input.renew) {
      changes.push({ channel, kind: 'kept' });
      update[confirmedColumn[channel]] = input.now;
    } else if (!wanted && inForce) {
      changes.push({ channel, kind: 'withdrawn' });
      update[consentColumn[channel]] = null;
      update[confirmedColumn[channel]] = null;
    }
  }
  if (!changes.length) return { status: 'saved', changes };

  await tx.update(users).set(update).where(eq(users.id, input.userId));
  const events = await tx
    .insert(consentEvents)
    .values(
      changes.map((change) => ({
        userId: input.userId,
        channel: change.channel,
        granted: change.kind !== 'withdrawn',
        source: input.source,
        ip: input.ip,
        createdAt: input.now,
      })),
    )
    .returning({ id: consentEvents.id });

  if ((input.notice ?? 'mail') === 'mail' && user.email) {
    await enqueueMail(tx, {
      to: user.email,
      template: 'consent-changed',
      props: {
        name: user.name,
        operatorName: config.OPERATOR_NAME,
        changedAt: input.now.toISOString(),
        ...consentChangeProps(changes),
        accountUrl: new URL('/account', config.APP_URL).toString(),
      },
      locale: user.locale ?? input.locale ?? config.DEFAULT_LOCALE,
      timeZone: user.timeZone,
      dedupeKey: `consent-changed/${events[0].id}`,
    });
  }
  return { status: 'saved', changes };
}

/** The per-channel change as mail props: `{ marketingEmail, marketingSms }`. */
export function consentChangeProps(changes: MarketingConsentChange[]): { marketingEmail: ConsentChangeKind; marketingSms: ConsentChangeKind } {
  const kindOf = (channel: ConsentChannel) => changes.find((change) => change.channel === channel)?.kind ?? 'unchanged';
  return { marketingEmail: kindOf('email'), marketingSms: kindOf('sms') };
}
