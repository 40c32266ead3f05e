import { expect, test } from '@playwright/test';
import { testSql } from './fixtures/db';
import { notificationsForm, saveMarketingChoices } from './fixtures/notifications';
import { createUser, logIn } from './fixtures/users';

test('a signed-out visitor is sent to log in and comes back to /account', async ({ page }) => {
  const user = await createUser();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('shows the account details and links to the other pages', async ({ page }) => {
  const user = await createUser({ name: 'Min-ji Kim' });
  await logIn(page, user);
  await page.goto('/account');
  const details = page.locator('dl.details');
  await expect(details).toContainText(user.email);
  await expect(details).toContainText('Min-ji Kim');
  await expect(details).toContainText('Email verified');
  await expect(details).toContainText('Password last changed');
  // Dates are written out for the locale, not as ISO strings.
  await expect(details).toContainText(String(new Date().getFullYear()));
  await expect(details).not.toContainText('T00:');
  for (const [name, path] of [
    ['Change password', '/account/password'],
    ['Change email', '/account/email'],
    ['Connected accounts', '/account/connections'],
    ['Close account', '/account/withdraw'],
  ]) {
    await expect(page.getByRole('link', { name })).toHaveAttribute('href', path);
  }
});

test('saves the name; the phone number is not edited in the profile any more', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Profile' });
  await expect(form.getByLabel('Phone')).toHaveCount(0);
  await form.getByLabel('Name').fill('Ji-ho Park');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Your profile was saved.');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toContainText('Ji-ho Park');
  const [row] = await testSql()`select name, phone from users where id = ${user.id}`;
  expect(row).toEqual({ name: 'Ji-ho Park', phone: null });
  await expect(page.getByRole('link', { name: 'Phone number', exact: true })).toHaveAttribute('href', '/account/phone');
});

test('a chosen time zone sets how dates read on the pages, and "same as the service" clears it', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  const lastLogin = async () => (await testSql()`select last_login_at from users where id = ${user.id}`)[0].last_login_at as Date | null;
  await expect.poll(lastLogin).not.toBeNull();
  const loggedInAt = (await lastLogin())!;
  const written = (timeZone: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(loggedInAt);
  const lastLoginShown = page.locator('dl.details dt', { hasText: 'Last login' }).locator('xpath=following-sibling::dd[1]');
  const timeZoneShown = page.locator('dl.details dt', { hasText: 'Time zone' }).locator('xpath=following-sibling::dd[1]');
  await page.goto('/account');
  await expect(page.getByRole('form', { name: 'Profile' }).getByLabel('Time zone')).toHaveCount(0);
  await expect(lastLoginShown).toHaveText(written('Asia/Seoul'));
  await expect(timeZoneShown).toHaveText('Same as the service (Asia/Seoul)');

  await page.getByRole('link', { name: 'Change time zone' }).click();
  await expect(page).toHaveURL(/\/account\/time-zone$/);
  const form = page.getByRole('form', { name: 'Time zone' });
  await expect(form.getByLabel('Time zone')).toHaveValue('');
  await form.getByLabel('Time zone').selectOption('America/New_York');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Your time zone was saved.');
  expect((await testSql()`select time_zone from users where id = ${user.id}`)[0].time_zone).toBe('America/New_York');
  await page.reload();
  await expect(form.getByLabel('Time zone')).toHaveValue('America/New_York');
  await page.getByRole('link', { name: 'Back to your account' }).click();
  await expect(lastLoginShown).toHaveText(written('America/New_York'));
  await expect(timeZoneShown).toHaveText('America/New York');

  await page.goto('/account/time-zone');
  await form.getByLabel('Time zone').selectOption({ label: 'Same as the service (Asia/Seoul)' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Your time zone was saved.');
  expect((await testSql()`select time_zone from users where id = ${user.id}`)[0].time_zone).toBeNull();
});

test('an unknown time zone is refused under the field and the saved one stays', async ({ page }) => {
  const user = await createUser();
  await testSql()`update users set time_zone = 'Europe/Berlin' where id = ${user.id}`;
  await logIn(page, user);
  await page.goto('/account/time-zone');
  const form = page.getByRole('form', { name: 'Time zone' });
  // A forged option: the list is the browser's to send, not a promise of what arrives.
  await form.getByLabel('Time zone').evaluate((select: HTMLSelectElement) => {
    select.add(new Option('Mars/Olympus', 'Mars/Olympus', true, true));
  });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByLabel('Time zone')).toHaveAccessibleDescription('Choose a time zone from the list.');
  expect((await testSql()`select time_zone from users where id = ${user.id}`)[0].time_zone).toBe('Europe/Berlin');
});

test('profile errors show under their fields and nothing is saved', async ({ page }) => {
  const user = await createUser({ name: 'Original Name' });
  await logIn(page, user);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Profile' });
  await form.getByLabel('Name').fill('   ');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription('This field is required.');
  const [row] = await testSql()`select name, phone from users where id = ${user.id}`;
  expect(row).toEqual({ name: 'Original Name', phone: null });
});

test('marketing consent is stored with its time and kept as a history', async ({ page }) => {
  const user = await createUser();
  // SMS news needs a verified number (tests/e2e/phone-verification.spec.ts covers getting one).
  await testSql()`update users set phone = ${`+8210${String(Date.now()).slice(-8)}`}, phone_verified_at = now() where id = ${user.id}`;
  await logIn(page, user);
  await page.goto('/account');
  const form = notificationsForm(page);
  await saveMarketingChoices(page, { email: true });
  await expect(form.getByLabel('Email me product news')).toBeChecked();
  await expect(form.getByLabel('Text me product news')).not.toBeChecked();

  const sql = testSql();
  const [granted] = await sql`select marketing_email_consent_at, marketing_sms_consent_at from users where id = ${user.id}`;
  expect(granted.marketing_email_consent_at).toBeInstanceOf(Date);
  expect(granted.marketing_sms_consent_at).toBeNull();

  await page.reload();
  await saveMarketingChoices(page, { email: false, sms: true });
  const [swapped] = await sql`select marketing_email_consent_at, marketing_sms_consent_at from users where id = ${user.id}`;
  expect(swapped.marketing_email_consent_at).toBeNull();
  expect(swapped.marketing_sms_consent_at).toBeInstanceOf(Date);

  const events = await sql`select channel, granted, ip from consent_events where user_id = ${user.id} order by id`;
  expect(events.map((event) => [event.channel, event.granted])).toEqual([
    ['email', true],
    ['email', false],
    ['sms', true],
  ]);
  expect(events[0].ip).toBeTruthy();
});
