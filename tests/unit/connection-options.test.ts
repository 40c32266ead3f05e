import { describe, expect, it } from 'vitest';
import { driverTarget, migrationTarget, saysTransactionPooler } from '@/db/connection-options';
import { parseConfig } from '@/lib/config';

const SUPAVISOR = 'postgres://postgres.ref:secret@aws-0-ap-northeast-2.pooler.supabase.com:6543/postgres';
const PRISMA_STYLE = 'postgres://user:p%40ss@db.example.com:6432/app?pgbouncer=true&sslmode=require';
const DIRECT = 'postgres://user:secret@db.example.com:5432/app';

describe('connection options behind a pooler', () => {
  it('recognises a transaction pooler by pgbouncer=true or port 6543, and nothing else', () => {
    expect(saysTransactionPooler(SUPAVISOR)).toBe(true);
    expect(saysTransactionPooler(PRISMA_STYLE)).toBe(true);
    expect(saysTransactionPooler(DIRECT)).toBe(false);
    expect(saysTransactionPooler('postgres://u@h:6432/app?pgbouncer=false')).toBe(false);
  });

  it('turns prepared statements off for such a URL when DATABASE_PREPARE is auto, and obeys on and off', () => {
    expect(driverTarget(SUPAVISOR, 'auto').prepare).toBe(false);
    expect(driverTarget(PRISMA_STYLE, 'auto').prepare).toBe(false);
    expect(driverTarget(DIRECT, 'auto').prepare).toBe(true);
    expect(driverTarget(DIRECT, 'off').prepare).toBe(false);
    expect(driverTarget(SUPAVISOR, 'on').prepare).toBe(true);
  });

  it('pipelines nothing behind a busy connection when prepared statements are off (a pooler wedges on it)', () => {
    expect(driverTarget(SUPAVISOR, 'auto').maxPipeline).toBe(0);
    expect(driverTarget(DIRECT, 'off').maxPipeline).toBe(0);
    expect(driverTarget(DIRECT, 'auto').maxPipeline).toBe(100);
  });

  it('drops pgbouncer=true from the URL it connects to (PgBouncer refuses unknown startup parameters), keeping the rest', () => {
    const { url } = driverTarget(PRISMA_STYLE, 'auto');
    expect(url).toBe('postgres://user:p%40ss@db.example.com:6432/app?sslmode=require');
    expect(driverTarget(DIRECT, 'auto').url).toBe(DIRECT);
  });

  it('migrates through DATABASE_URL_UNPOOLED when it is set, with prepared statements as that URL allows', () => {
    const pooled = parseConfig({ AUTH_SECRET: 'x', DATABASE_URL: SUPAVISOR });
    expect(pooled.DATABASE_PREPARE).toBe('auto');
    expect(migrationTarget(pooled)).toEqual({ url: SUPAVISOR, prepare: false, maxPipeline: 0 });
    const both = parseConfig({ AUTH_SECRET: 'x', DATABASE_URL: SUPAVISOR, DATABASE_URL_UNPOOLED: DIRECT });
    expect(migrationTarget(both)).toEqual({ url: DIRECT, prepare: true, maxPipeline: 100 });
  });

  it('names a bad DATABASE_URL_UNPOOLED or DATABASE_PREPARE', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', DATABASE_URL_UNPOOLED: 'mysql://x' })).toThrow(
      'Invalid configuration: DATABASE_URL_UNPOOLED must be a postgres:// or postgresql:// URL',
    );
    expect(() => parseConfig({ AUTH_SECRET: 'x', DATABASE_PREPARE: 'maybe' })).toThrow(/^Invalid configuration: DATABASE_PREPARE /);
  });
});
