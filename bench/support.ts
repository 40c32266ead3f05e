// Shared pieces of the benchmarks: a fresh local database, timing helpers, result files.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the local PostgreSQL server at DATABASE_URL (or the default local one). */
export async function freshBenchDatabase(): Promise<TestDatabase> {
  return createTestDatabase(process.env.DATABASE_URL || DEFAULT_SERVER_URL);
}

export const BENCH_TWO_STEP_ENCRYPTION_KEY = 'bench-two-step-key-bench-two-step-key';

/** The environment the built app runs with in the benchmarks: production, a fresh database, local secrets. */
export function benchAppEnv(port: number, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const url = `http://127.0.0.1:${port}`;
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    APP_URL: url,
    AUTH_URL: url,
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-bench',
    AUTH_TRUST_HOST: 'true',
    CRON_SECRET: 'bench-cron',
    // Socket addresses (server.mjs); mail stays in the local mailbox unless a run sets RESEND_API_KEY.
    TRUST_PROXY_HOPS: '0',
    LOCAL_MAILBOX: 'on',
    // No SOLAPI here: a production start needs the explicit opt-in to the admin-only SMS inbox.
    LOCAL_SMS_INBOX: 'on',
    // Admins must use two-step (the default): the benches give theirs an authenticator app sealed
    // under this key and sign in with a code (bench/http.ts, twoStepSessionCookie).
    TWO_STEP_ENCRYPTION_KEY: BENCH_TWO_STEP_ENCRYPTION_KEY,
    ...extra,
  };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function argValue(name: string, fallback: string): string {
  const flag = `--${name}`;
  const index = process.argv.indexOf(flag);
  if (index >= 0 && process.argv[index + 1]) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`${flag}=`));
  return inline ? inline.slice(flag.length + 1) : fallback;
}

/** Writes a benchmark's figures as JSON and Markdown under bench/results/ for BENCHMARKS.md. */
export function saveResult(name: string, result: { command: string; summary: string; markdown: string; data: unknown }) {
  const folder = path.join(process.cwd(), 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, `${name}.json`),
    JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n',
  );
}
