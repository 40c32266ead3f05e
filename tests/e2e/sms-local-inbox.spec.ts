// The local SMS inbox in production: a second `next start` with no SOLAPI credentials and
// LOCAL_SMS_INBOX=on, on a database of its own (sharing the main one, either server's delivery
// could take the other's SMS). A person verifies a number with the code an admin reads at
// /dev/sms; everyone else gets a 404 there.
import { expect, test, type Browser } from '@playwright/test';
import postgres from 'postgres';
import { startAppServer, type AppServer } from '../support/app-server';
import { freePort } from '../support/ports';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { uniqueIp } from './fixtures/client-ip';
import { uniquePhone } from './fixtures/sms';
import { createUser, logIn, type TestUser } from './fixtures/users';

test.describe.configure({ mode: 'serial' });

let server: AppServer;
let sql: postgres.Sql;
let database: TestDatabase | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = JSON.parse(process.env.E2E_APP_ENV!);
  for (const name of ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SMS_SENDER', 'SOLAPI_BASE_URL', 'DATABASE_URL', 'DATABASE_URL_UNPOOLED', 'PGLITE_DATA_DIR', 'PGLITE_SOCKET_PORT']) delete env[name];
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    // Behind a pooler the server migrates through DATABASE_URL_UNPOOLED: it must name this database
    // too, or the migrations land in the shared one and this server finds no tables.
    database = await createTestDatabase(process.env.DATABASE_URL, process.env.DATABASE_URL_UNPOOLED || undefined);
    env.DATABASE_URL = databaseUrl = database.url;
    if (database.unpooledUrl) env.DATABASE_URL_UNPOOLED = database.unpooledUrl;
  } else {
    const socketPort = await freePort();
    Object.assign(env, { PGLITE_DATA_DIR: 'memory://', PGLITE_SOCKET_PORT: String(socketPort) });
    databaseUrl = `postgres://postgres@127.0.0.1:${socketPort}/postgres`;
  }
  server = await startAppServer({ port, env: { ...env, PORT: String(port), APP_URL: url, AUTH_URL: url, LOCAL_SMS_INBOX: 'on' } });
  sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
});

test.afterAll(async () => {
  await sql?.end();
  await server?.stop();
  await database?.drop();
});

async function signedIn(browser: Browser, user: TestUser) {
  const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { 'x-forwarded-for': uniqueIp() } });
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

test('an admin reads the code at /dev/sms and the person verifies the number with it', async ({ browser }) => {
  const person = await createUser({}, sql);
  const page = await signedIn(browser, person);
  const phone = uniquePhone();
  await page.goto('/account/phone');
  await page.getByLabel('Phone', { exact: true }).fill(phone.typed);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('form', { name: 'Send code' }).getByRole('status')).toContainText('a code is on its way');

  const admin = await signedIn(browser, await createUser({ role: 'admin' }, sql));
  let text = '';
  await expect
    .poll(
      async () => {
        await admin.goto('/dev/sms');
        const article = admin.getByRole('article', { name: phone.e164 });
        text = (await article.count()) ? ((await article.first().locator('pre').textContent()) ?? '') : '';
        return text;
      },
      { timeout: 15_000 },
    )
    .toMatch(/#\d{6}$/);
  const code = /#(\d{6})$/.exec(text)![1];
  expect(text).toBe(`[Lifecycle] code ${code}\n\n@127.0.0.1 #${code}`);

  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/account\?phoneVerified=1$/);
  const [row] = await sql`select phone, phone_verified_at from users where id = ${person.id}`;
  expect(row.phone).toBe(phone.e164);
  expect(row.phone_verified_at).toBeInstanceOf(Date);
});

test('/dev/sms is a 404 for signed-out visitors and for people who are not admins', async ({ browser }) => {
  const anonymous = await browser.newContext({ baseURL: server.url });
  expect((await (await anonymous.newPage()).goto('/dev/sms'))?.status()).toBe(404);
  const page = await signedIn(browser, await createUser({}, sql));
  expect((await page.goto('/dev/sms'))?.status()).toBe(404);
});
