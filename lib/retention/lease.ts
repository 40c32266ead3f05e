import 'server-only';
import type { Queryable } from '@/db';
import { dropLease, extendLease, takeLease } from '@/db/job-lease-queries';

/**
 * How long a lease lasts without renewal. The sweep renews it after every batch, so this only
 * bounds how long a killed run (timeout, crash) keeps others out.
 */
export const LEASE_TTL_MS = 120_000;
/** How often a run renews its lease between batches: often enough to keep it, rarely enough to cost nothing. */
export const LEASE_RENEW_MS = 10_000;

export type Lease = { name: string; holder: string };

/** Takes the named lease for `holder` unless a live one is held by someone else. */
export async function acquireLease(q: Queryable, lease: Lease): Promise<boolean> {
  return takeLease(q, { ...lease, ttlMs: LEASE_TTL_MS });
}

/** Extends the lease; false when it was lost (expired and taken by another run). */
export async function renewLease(q: Queryable, lease: Lease): Promise<boolean> {
  return extendLease(q, { ...lease, ttlMs: LEASE_TTL_MS });
}

export async function releaseLease(q: Queryable, lease: Lease): Promise<void> {
  await dropLease(q, lease);
}
