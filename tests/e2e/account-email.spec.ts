import { expect, test, type Page } from '@playwright/test';
import { testSql } from './fixtures/db';
import { linkFrom, sentEmails, waitForEmail } from './fixtures/mailbox';
import { outboxMails } from './fixtures/outbox';
import { createUser, logIn, uniqueEmail, type TestUser } from './fixtures/users';

async function requestChange(page: Page, newEmail: string, password: string) {
  await page.goto('/account/email');
  await page.getByLabel('New email').fill(newEmail);
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Send confirmation' }).click();
}

async function emailOf(user: TestUser): Promise<string> {
  const [row] = await testSql()`select email from users where id = ${user.id}`;
  return row.email;
}

async function confirmLinkSentTo(address: string): Promise<string> {
  return linkFrom(await waitForEmail(address, { subject: 'Confirm your new email address' }), '/account/email/confirm');
}

const sentMessage = (address: string) => `If ${address} can be used, a confirmation link is on its way there. Your email changes when you open it.`;

test('each validation error shows under its field', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);

  await requestChange(page, 'not-an-address', user.password);
  await expect(page.getByLabel('New email')).toHaveAccessibleDescription('Enter a valid email address.');
  await expect(page.getByLabel('New email')).toHaveValue('not-an-address');

  await requestChange(page, '', '');
  await expect(page.getByLabel('New email')).toHaveAccessibleDescription('This field is required.');
  await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('This field is required.');

  await requestChange(page, uniqueEmail('new'), 'wrong password');
  await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('The current password is not correct.');

  await requestChange(page, user.email.toUpperCase(), user.password);
  await expect(page.getByLabel('New email')).toHaveAccessibleDescription('This is already your email address.');

  const [pending] = await testSql()`select count(*)::int as n from auth_tokens where user_id = ${user.id} and purpose = 'change_email'`;
  expect(pending.n).toBe(0);
});

test('the link changes the email once, tells the old address, and cannot be reused', async ({ page }) => {
  const user = await createUser();
  const newEmail = uniqueEmail('moved');
  await logIn(page, user);
  await requestChange(page, newEmail, user.password);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(sentMessage(newEmail));
  expect(await emailOf(user)).toBe(user.email);

  await page.goto('/account');
  await expect(page.getByRole('form', { name: 'Pending email change' })).toContainText(newEmail);

  const confirmUrl = await confirmLinkSentTo(newEmail);
  expect(new URL(confirmUrl).pathname).toBe('/account/email/confirm');

  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`Your email is now ${newEmail}.`);
  expect(await emailOf(user)).toBe(newEmail);
  const [verified] = await testSql()`select email_verified_at from users where id = ${user.id}`;
  expect(verified.email_verified_at).toBeInstanceOf(Date);
  const notice = await waitForEmail(user.email, { subject: 'email address of your' });
  expect(notice.html).toContain(newEmail);

  await page.goto('/account');
  await expect(page.locator('dl.details')).toContainText(newEmail);
  await expect(page.getByRole('form', { name: 'Pending email change' })).toHaveCount(0);

  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This link has already been used.');
  expect(await emailOf(user)).toBe(newEmail);

  // The new address is the login now.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, { email: newEmail, password: user.password });
});

test('an expired link changes nothing', async ({ page }) => {
  const user = await createUser();
  const newEmail = uniqueEmail('late');
  await logIn(page, user);
  await requestChange(page, newEmail, user.password);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(sentMessage(newEmail));
  const confirmUrl = await confirmLinkSentTo(newEmail);
  await testSql()`update auth_tokens set expires_at = now() - interval '1 minute' where user_id = ${user.id} and purpose = 'change_email'`;

  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This link has expired. Ask for the change again from your account.');
  expect(await emailOf(user)).toBe(user.email);
});

test('an address taken before the link is opened is not switched to', async ({ page }) => {
  const user = await createUser();
  const contested = uniqueEmail('contested');
  await logIn(page, user);
  await requestChange(page, contested, user.password);
  const confirmUrl = await confirmLinkSentTo(contested);
  await createUser({ email: contested });

  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'That address now belongs to another account, so your email was not changed.',
  );
  expect(await emailOf(user)).toBe(user.email);
});

test('asking for an address already in use answers the same and mails nothing', async ({ page }) => {
  const user = await createUser();
  const holder = await createUser();
  await logIn(page, user);
  await requestChange(page, holder.email, user.password);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(sentMessage(holder.email));
  // Give a mail every chance to be written before checking there is none.
  await page.goto('/account');
  await expect(page.getByRole('form', { name: 'Pending email change' })).toContainText(holder.email);
  expect(await outboxMails(holder.email, 'change-email-confirm')).toEqual([]);
  expect((await sentEmails()).filter((email) => email.to.includes(holder.email))).toEqual([]);
});

test('Cancel on /account voids the pending change', async ({ page }) => {
  const user = await createUser();
  const newEmail = uniqueEmail('cancelled');
  await logIn(page, user);
  await requestChange(page, newEmail, user.password);
  const confirmUrl = await confirmLinkSentTo(newEmail);

  await page.goto('/account');
  const pending = page.getByRole('form', { name: 'Pending email change' });
  await pending.getByRole('button', { name: 'Cancel' }).click();
  await expect(pending).toHaveCount(0);

  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This link has already been used.');
  expect(await emailOf(user)).toBe(user.email);
});

test('asking again at once is refused under New email, and the mail greets no one by the profile name', async ({ page }) => {
  const user = await createUser({ name: 'Win big at http://spam.example/now' });
  const target = uniqueEmail('target');
  await logIn(page, user);
  await requestChange(page, target, user.password);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(sentMessage(target));

  for (const attempt of [1, 2]) {
    await requestChange(page, target, user.password);
    await expect(page.getByLabel('New email'), `attempt ${attempt}`).toHaveAccessibleDescription(
      'Too many confirmation links have been asked for. Wait a minute and try again; if this message stays, try again tomorrow.',
    );
  }
  const mail = await waitForEmail(target, { subject: 'Confirm your new email address' });
  expect(`${mail.html}${mail.text}`).not.toContain('spam.example');
  expect(await outboxMails(target, 'change-email-confirm')).toHaveLength(1);
});
