import { describe, expect, it } from 'vitest';
import { authorizeCron } from '@/lib/cron/authorize-cron';

describe('authorizeCron', () => {
  const settings = { CRON_SECRET: 's3cret-value', NODE_ENV: 'production' as const };

  it('lets in exactly the bearer secret', () => {
    expect(authorizeCron('Bearer s3cret-value', settings)).toEqual({ status: 'authorized' });
    expect(authorizeCron('Bearer s3cret-valuE', settings)).toEqual({ status: 'unauthorized' });
    expect(authorizeCron('s3cret-value', settings)).toEqual({ status: 'unauthorized' });
    expect(authorizeCron('Bearer s3cret-value ', settings)).toEqual({ status: 'unauthorized' });
    expect(authorizeCron(null, settings)).toEqual({ status: 'unauthorized' });
  });

  it('refuses every call when no secret is configured, and says what to do', () => {
    const production = authorizeCron('Bearer ', { CRON_SECRET: undefined, NODE_ENV: 'production' });
    expect(production).toMatchObject({ status: 'not-configured', message: expect.stringContaining('CRON_SECRET is not set') });
    const development = authorizeCron(null, { CRON_SECRET: undefined, NODE_ENV: 'development' });
    expect(development).toMatchObject({ status: 'not-configured', message: expect.stringContaining('npm run sweep') });
  });
});
