// How postgres.js connects to a URL that may be a transaction-mode pooler (PgBouncer, Supabase's
// Supavisor, Neon's pooled endpoint). A transaction pooler hands each transaction to whichever
// server connection is free, so nothing may outlive a transaction: no session advisory lock, no
// SET, no LISTEN, and no named prepared statement (PgBouncer before 1.21 does not track them).
import type { Config } from '@/lib/config';

/** Supavisor's transaction port; Supabase and most guides put a transaction pooler there. */
const TRANSACTION_POOLER_PORT = '6543';

/**
 * Whether the URL says it goes through a transaction pooler: `pgbouncer=true` (the flag Prisma
 * and Supabase's connection strings use) or port 6543.
 */
export function saysTransactionPooler(url: string): boolean {
  const parsed = new URL(url);
  return parsed.searchParams.get('pgbouncer') === 'true' || parsed.port === TRANSACTION_POOLER_PORT;
}

export type DriverTarget = {
  /** The URL without `pgbouncer=…`: postgres.js would send it as a startup parameter, which PgBouncer refuses. */
  url: string;
  /** postgres.js `prepare`: named prepared statements, cached per connection. */
  prepare: boolean;
  /**
   * postgres.js `max_pipeline`: how many queries may be sent on a busy connection behind the
   * running one. Behind a transaction pooler (prepare off) none: postgres.js then sends a
   * parameterised query as Parse/Describe/Flush and waits for the answer, and sent behind another
   * query PgBouncer 1.18 strands it once the first one's transaction ends (the server connection
   * goes back to the pool; the client waits for ever). With postgres.js's 100 bench:load's pooled
   * instance stopped answering every database page within seconds; with 1 it still did at 20
   * clients (tests/integration/pooler.test.ts reproduces both). 0 needs the driver mend in
   * scripts/patch-postgres.mjs, or postgres.js refuses its own transactions.
   */
  maxPipeline: number;
};

const POSTGRES_JS_DEFAULT_PIPELINE = 100;

/** postgres.js's `max_pipeline` option, which its type declarations leave out (spread, so it type-checks). */
export function pipelineOption(target: DriverTarget): Record<string, number> {
  return { max_pipeline: target.maxPipeline };
}

export function driverTarget(url: string, setting: Config['DATABASE_PREPARE']): DriverTarget {
  const parsed = new URL(url);
  parsed.searchParams.delete('pgbouncer');
  const prepare = setting === 'auto' ? !saysTransactionPooler(url) : setting === 'on';
  return { url: parsed.toString(), prepare, maxPipeline: prepare ? POSTGRES_JS_DEFAULT_PIPELINE : 0 };
}

/**
 * Where migrations run: DATABASE_URL_UNPOOLED when set (the direct connection Neon and Vercel
 * name so), else DATABASE_URL itself. The migration holds its lock inside its one transaction, so
 * it is safe through a transaction pooler too.
 */
export function migrationTarget(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_URL_UNPOOLED' | 'DATABASE_PREPARE'>): DriverTarget {
  const url = config.DATABASE_URL_UNPOOLED ?? config.DATABASE_URL;
  if (!url) throw new Error('migrationTarget: DATABASE_URL is not set');
  return driverTarget(url, config.DATABASE_PREPARE);
}
