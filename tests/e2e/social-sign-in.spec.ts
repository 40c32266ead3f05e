import { expect, test } from '@playwright/test';
import { testSql } from './fixtures/db';
import { approveAtProvider, expectSignedInAs, loginEventsSince, PROVIDER_BUTTON, signInWithProvider, uniqueSubject } from './fixtures/social';
import { createUser, uniqueEmail } from './fixtures/users';

test('a first sign-in with a verified address creates a verified account with no password', async ({ page }) => {
  const since = new Date(Date.now() - 1_000);
  const email = uniqueEmail('social');
  const sub = uniqueSubject();
  await signInWithProvider(page, { sub, email, name: 'Seo-yeon Park' });
  await expectSignedInAs(page, 'Seo-yeon Park');

  const sql = testSql();
  const [user] = await sql<{ id: string; email_verified_at: Date | null; password_hash: string | null; status: string }[]>`
    select id, email_verified_at, password_hash, status from users where email = ${email}`;
  expect(user.email_verified_at).not.toBeNull();
  expect(user.password_hash).toBeNull();
  expect(user.status).toBe('active');
  const links = await sql`select provider, provider_account_id from accounts where user_id = ${user.id}`;
  expect(links).toEqual([{ provider: 'oidc', provider_account_id: sub }]);
  const [event] = await loginEventsSince(since, { email });
  expect(event).toMatchObject({ user_id: user.id, success: true, reason: 'ok', provider: 'oidc' });
  expect(event.user_agent).toBeTruthy();

  // Signing in again with the same provider account opens the same account.
  await page.getByRole('button', { name: 'Log out' }).click();
  await signInWithProvider(page, { sub, email, name: 'Someone Else' });
  await expectSignedInAs(page, 'Seo-yeon Park');
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from users where email = ${email}`;
  expect(count).toBe(1);
});

test('an address that already has an account is not linked silently', async ({ page }) => {
  const since = new Date(Date.now() - 1_000);
  const owner = await createUser({ name: 'Ji-ho Lee' });
  await signInWithProvider(page, { sub: uniqueSubject(), email: owner.email, name: 'Intruder' });

  await expect(page).toHaveURL(/\/login\?error=link-required/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'An account already uses this email address. Log in with your email and password once, then connect this sign-in method under Account › Connected accounts.',
  );
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  const sql = testSql();
  expect(await sql`select 1 from accounts where user_id = ${owner.id}`).toHaveLength(0);
  const [event] = await loginEventsSince(since, { email: owner.email });
  expect(event).toMatchObject({ user_id: owner.id, success: false, reason: 'link_required', provider: 'oidc' });
});

test('an address the provider has not verified does not make an account', async ({ page }) => {
  const email = uniqueEmail('unverified-social');
  await page.goto('/login');
  await page.getByRole('button', { name: PROVIDER_BUTTON }).click();
  await approveAtProvider(page, { sub: uniqueSubject(), email, emailVerified: false });

  await expect(page).toHaveURL(/\/login\?error=email-unverified/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('did not share a verified email address');
  expect(await testSql()`select 1 from users where email = ${email}`).toHaveLength(0);
});

test('the sign-up page offers the provider too', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('button', { name: PROVIDER_BUTTON })).toBeVisible();
  await expect(page.getByText('By continuing with another service, you agree to our Terms and Privacy Policy.')).toBeVisible();
});

test('the login page shows the error in Korean for a Korean reader', async ({ page, context }) => {
  await context.addCookies([{ name: 'locale', value: 'ko', url: process.env.E2E_BASE_URL! }]);
  await page.goto('/login?error=access-denied');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('다른 서비스에서 로그인을 취소했어요. 변경된 내용은 없어요.');
  await expect(page.getByRole('button', { name: 'Company SSO 계정으로 계속하기' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the sign-in form may post and be redirected to the configured provider', async ({ page, request }) => {
    const csp = (await request.get('/login')).headers()['content-security-policy'];
    expect(csp).toContain(`form-action 'self' ${process.env.MOCK_OIDC_ISSUER}`);
    const email = uniqueEmail('no-js');
    await signInWithProvider(page, { sub: uniqueSubject(), email, name: 'No Script' });
    // Signed in, on the account page, whose header (components/page-frame.tsx) names the person in
    // the HTML: Log out works without JavaScript too.
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('navigation')).toContainText('No Script');
    await page.getByRole('navigation').getByRole('button', { name: 'Log out' }).click();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});
