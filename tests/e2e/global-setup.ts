// Starts what the end-to-end suite runs against: the fake Resend API, the fake SOLAPI API, a mock OpenID Connect
// provider (the app's generic OIDC sign-in, "Company SSO"), a fresh database
// (a new one on DATABASE_URL's server, or an embedded PGlite reachable over its socket),
// and the built app under server.mjs (`npm start`). Returns the teardown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TWO_STEP_ENCRYPTION_KEY } from './fixtures/two-step';
import { startAppServer } from '../support/app-server';
import { startFakeResend } from '../support/fake-resend';
import { FAKE_SOLAPI_KEY, FAKE_SOLAPI_SECRET, startFakeSolapi } from '../support/fake-solapi';
import { startMockOidcProvider } from '../support/oidc-provider';
import { freePort } from '../support/ports';
import { createTestDatabase } from '../support/test-database';

export default async function globalSetup() {
  const cleanups: Array<() => Promise<void> | void> = [];
  const resend = await startFakeResend();
  cleanups.push(() => resend.close());
  const solapi = await startFakeSolapi();
  cleanups.push(() => solapi.close());
  const oidc = await startMockOidcProvider();
  cleanups.push(() => oidc.close());

  const appEnv: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: process.env.E2E_PORT!,
    APP_URL: process.env.E2E_BASE_URL!,
    AUTH_URL: process.env.E2E_BASE_URL!,
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
    // Test admins get an authenticator app sealed under this key (tests/e2e/fixtures/two-step.ts).
    TWO_STEP_ENCRYPTION_KEY: E2E_TWO_STEP_ENCRYPTION_KEY,
    AUTH_TRUST_HOST: 'true',
    CRON_SECRET: 'e2e-cron-secret',
    RESEND_API_KEY: 're_test_fake_key',
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: 'Lifecycle <no-reply@lifecycle.test>',
    // The test client stands in for one reverse proxy: tests/e2e/fixtures/client-ip.ts sends X-Forwarded-For.
    TRUST_PROXY_HOPS: '1',
    SOLAPI_API_KEY: FAKE_SOLAPI_KEY,
    SOLAPI_API_SECRET: FAKE_SOLAPI_SECRET,
    SMS_SENDER: '0212345678',
    SOLAPI_BASE_URL: solapi.url,
    AUTH_OIDC_ISSUER: oidc.issuer,
    AUTH_OIDC_ID: oidc.clientId,
    AUTH_OIDC_SECRET: oidc.clientSecret,
  };

  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase(process.env.DATABASE_URL, process.env.DATABASE_URL_UNPOOLED || undefined);
    cleanups.push(() => database.drop());
    appEnv.DATABASE_URL = database.url;
    if (database.unpooledUrl) appEnv.DATABASE_URL_UNPOOLED = database.unpooledUrl;
    process.env.E2E_DATABASE_URL = database.url;
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lifecycle-e2e-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const socketPort = await freePort();
    appEnv.PGLITE_DATA_DIR = dataDir;
    appEnv.PGLITE_SOCKET_PORT = String(socketPort);
    process.env.E2E_DATABASE_URL = `postgres://postgres@127.0.0.1:${socketPort}/postgres`;
  }

  const server = await startAppServer({ port: Number(appEnv.PORT), env: appEnv, log: Boolean(process.env.E2E_SERVER_LOG) });
  cleanups.push(() => server.stop());

  process.env.FAKE_RESEND_URL = resend.url;
  process.env.FAKE_SOLAPI_URL = solapi.url;
  process.env.MOCK_OIDC_ISSUER = oidc.issuer;
  process.env.E2E_CRON_SECRET = appEnv.CRON_SECRET;
  process.env.E2E_APP_ENV = JSON.stringify(appEnv);

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
