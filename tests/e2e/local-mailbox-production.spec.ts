// Production without a mail provider, on a second app of its own (the suite's app delivers through
// the fake Resend): a start without RESEND_API_KEY stops with one line saying what to set; with
// LOCAL_MAILBOX=on it runs, and /dev/mailbox, which holds live reset links, is for admins only.
// That app faces the network directly (TRUST_PROXY_HOPS=0), so it also shows that a client cannot
// choose its own IP there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type AppServer, startAppServer } from '../support/app-server';
import { freePort } from '../support/ports';
import { E2E_TWO_STEP_ENCRYPTION_KEY } from './fixtures/two-step';
import { createUser, logIn } from './fixtures/users';

test.describe.configure({ mode: 'serial' });

const productionEnv = (port: number): Record<string, string> => ({
  NODE_ENV: 'production',
  APP_URL: `http://127.0.0.1:${port}`,
  AUTH_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: 'mailbox-secret-mailbox-secret-mailbox-secret',
  TWO_STEP_ENCRYPTION_KEY: E2E_TWO_STEP_ENCRYPTION_KEY,
  AUTH_TRUST_HOST: 'true',
  CRON_SECRET: 'mailbox-cron',
  RESEND_API_KEY: '',
  // No SOLAPI either: the SMS inbox's own opt-in, so that only the mailbox decides these starts.
  LOCAL_SMS_INBOX: 'on',
});

test('a production start without RESEND_API_KEY stops with one line naming what to set', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(process.cwd(), 'server.mjs')], {
    env: { ...process.env, ...productionEnv(port), DATABASE_URL: '', PGLITE_DATA_DIR: 'memory://', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 45_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(exitCode, output).toBe(1);
  const refusal = output.split('\n').filter((line) => line.includes('RESEND_API_KEY'));
  expect(refusal, output).toHaveLength(1);
  expect(refusal[0]).toContain('LOCAL_MAILBOX=on');
});

test.describe('with LOCAL_MAILBOX=on', () => {
  let app: AppServer;
  let sql: postgres.Sql;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    const socketPort = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lifecycle-mailbox-'));
    app = await startAppServer({
      port,
      env: { ...productionEnv(port), LOCAL_MAILBOX: 'on', TRUST_PROXY_HOPS: '0', PGLITE_DATA_DIR: dataDir, PGLITE_SOCKET_PORT: String(socketPort) },
    });
    sql = postgres(`postgres://postgres@127.0.0.1:${socketPort}/postgres`, { max: 1, onnotice: () => {} });
  });

  test.afterAll(async () => {
    await sql?.end();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the mailbox is a plain 404 to visitors and people, and open to a signed-in admin', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    // A reset link sits in the mailbox: exactly what a visitor must not read.
    const person = await createUser({}, sql);
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByText('If an account exists for that address, we sent a reset link.')).toBeVisible();

    const anonymous = await page.goto('/dev/mailbox');
    expect(anonymous?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Local mailbox' })).toHaveCount(0);

    await logIn(page, person);
    expect((await page.goto('/dev/mailbox'))?.status()).toBe(404);
    await context.clearCookies();

    const admin = await createUser({ role: 'admin' }, sql);
    await logIn(page, admin);
    expect((await page.goto('/dev/mailbox'))?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Local mailbox' })).toBeVisible();
    // The mail is written after the response: look again until it is there.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(person.email).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // Each look is in the audit log; the refused ones wrote nothing.
    const views = await sql`select admin_id from admin_audit where action = 'mailbox.view'`;
    expect(views.length).toBeGreaterThan(0);
    expect(views.every((row) => row.admin_id === admin.id)).toBe(true);
    await context.close();
  });

  test('facing the network, the IP of a login is the socket address, not an X-Forwarded-For the client sent', async () => {
    const email = `spoof-${Date.now()}@example.com`;
    const page = await fetch(`${app.url}/login`);
    const html = await page.text();
    const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find((markup) => markup.includes('name="password"'))!;
    const body = new FormData();
    for (const input of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1];
      if (name) body.append(name, (/value="([^"]*)"/.exec(input[0])?.[1] ?? '').replaceAll('&quot;', '"'));
    }
    body.append('email', email);
    body.append('password', 'wrong password');
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      body,
      headers: { origin: app.url, 'x-forwarded-for': '203.0.113.99', 'x-real-ip': '203.0.113.98' },
      redirect: 'manual',
    });
    expect(response.status).toBeLessThan(500);
    await expect.poll(async () => (await sql`select ip from login_events where email = ${email}`).map((row) => row.ip)).toEqual(['127.0.0.1']);
  });
});
