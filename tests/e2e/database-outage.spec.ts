// The database stops while a person submits a form. A second `next start` on a database of its own
// reaches it through a relay the test cuts (tests/support/database-switch.ts): on DATABASE_URL's
// server (through the pooler when the CI's pooled pass runs, migrating directly as in production)
// or, without DATABASE_URL, on a PGlite this spec serves over its socket. With JavaScript the form
// stays, with what was typed (the password aside) and a message quoting the error's reference.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { expect, test, type Browser } from '@playwright/test';
import postgres from 'postgres';
import { startAppServer, type AppServer } from '../support/app-server';
import { startDatabaseSwitch, type DatabaseSwitch } from '../support/database-switch';
import { freePort } from '../support/ports';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { uniqueIp } from './fixtures/client-ip';
import { createUser, type TestUser } from './fixtures/users';

test.describe.configure({ mode: 'serial' });

let server: AppServer;
let databaseSwitch: DatabaseSwitch;
let sql: postgres.Sql;
let database: TestDatabase | undefined;
let embedded: { pglite: PGlite; socket: PGLiteSocketServer } | undefined;

function through(url: string, port: number): string {
  return Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(port) }).toString();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = JSON.parse(process.env.E2E_APP_ENV!);
  for (const name of ['DATABASE_URL', 'DATABASE_URL_UNPOOLED', 'PGLITE_DATA_DIR', 'PGLITE_SOCKET_PORT']) delete env[name];
  let directUrl: string;
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase(process.env.DATABASE_URL, process.env.DATABASE_URL_UNPOOLED || undefined);
    const target = new URL(database.url);
    databaseSwitch = await startDatabaseSwitch({ host: target.hostname, port: Number(target.port || 5432) });
    env.DATABASE_URL = through(database.url, databaseSwitch.port);
    // Migrations go straight to the server, as a deployment's unpooled URL does; queries go through the switch.
    if (database.unpooledUrl) env.DATABASE_URL_UNPOOLED = database.unpooledUrl;
    directUrl = database.unpooledUrl ?? database.url;
  } else {
    const pglite = new PGlite('memory://');
    const socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: await freePort(), maxConnections: 8 });
    await socket.start();
    embedded = { pglite, socket };
    const socketUrl = `postgres://postgres@${socket.getServerConn()}/postgres`;
    databaseSwitch = await startDatabaseSwitch({ host: '127.0.0.1', port: Number(new URL(socketUrl).port) });
    // One PGlite session behind every connection, which takes protocol messages one at a time: two
    // connections' statements (even unnamed ones) would interleave. One connection, no named statements.
    Object.assign(env, { DATABASE_URL: through(socketUrl, databaseSwitch.port), DATABASE_PREPARE: 'off', DATABASE_POOL_MAX: '1' });
    directUrl = socketUrl;
  }
  server = await startAppServer({ port, env: { ...env, PORT: String(port), APP_URL: url, AUTH_URL: url } });
  sql = postgres(directUrl, { max: 1, prepare: false, onnotice: () => {} });
});

test.afterEach(() => databaseSwitch.restore());

test.afterAll(async () => {
  await sql?.end();
  await server?.stop();
  await databaseSwitch?.close();
  await database?.drop();
  await embedded?.socket.stop();
  await embedded?.pglite.close();
});

async function loginPage(browser: Browser, options: { locale?: string } = {}) {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: options.locale ?? 'en',
    extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() },
  });
  const page = await context.newPage();
  await page.goto('/login');
  return page;
}

test('the login form keeps the address and quotes a reference when the database stops, and works once it is back', async ({ browser }) => {
  const person: TestUser = await createUser({}, sql);
  const page = await loginPage(browser);
  databaseSwitch.cut();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();

  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('We could not finish that just now. What you typed is still here (passwords aside)');
  await expect(alert).toContainText(/tell us this reference: \w{6,}/);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('Email')).toHaveValue(person.email);
  await expect(page.getByLabel('Password')).toHaveValue('');

  databaseSwitch.restore();
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
});
