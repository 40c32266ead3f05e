// The product as a spam cannon: mail to addresses not yet proven to be the account's, asked for over
// and over, with attacker text in the profile. Delivered into the fake Resend API, read as sent.
import { describe, expect, it } from 'vitest';
import { requestEmailChange } from '@/lib/account/request-email-change';
import { updateProfile } from '@/lib/account/update-profile';
import { signUp } from '@/lib/auth/sign-up';
import { config } from '@/lib/config';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { startFakeResend } from '../support/fake-resend';
import { fakeApiForFile } from './fixtures/fake-api';
import { insertUser, PASSWORD } from './fixtures/users';

const fake = fakeApiForFile(startFakeResend, (url) => ({ RESEND_API_KEY: 're_test_mail_abuse', RESEND_BASE_URL: url }));

const SPAM = 'Cheap pills at http://spam.example/buy';
const MINUTE = 60_000;

/** Sends what is queued and returns every mail the fake received for `address`. */
async function deliveredTo(address: string, now: Date) {
  await drainOutbox({ now: new Date(now.getTime() + MINUTE) });
  return fake.emails.filter((email) => email.to.includes(address));
}

const bodyOf = (email: { subject: string; html?: string; text?: string }) => `${email.subject}\n${email.html}\n${email.text}`;

async function spammer() {
  const user = await insertUser({ locale: 'en' });
  await updateProfile(user.id, { name: SPAM });
  return user;
}

describe('email change as a spam cannon', () => {
  it('20 requests for one address send one mail, without the name', async () => {
    const user = await spammer();
    const now = new Date();
    const outcomes = [];
    for (let request = 0; request < 20; request++) {
      outcomes.push((await requestEmailChange({ userId: user.id, newEmail: 'victim@example.com', currentPassword: PASSWORD, locale: 'en', now })).status);
    }
    expect(outcomes).toEqual(['sent', ...Array(19).fill('too-many-requests')]);
    const mails = await deliveredTo('victim@example.com', now);
    expect(mails).toHaveLength(config.EMAIL_SEND_PER_MINUTE);
    expect(bodyOf(mails[0])).toContain('/account/email/confirm?token=');
    expect(bodyOf(mails[0])).not.toContain('spam.example');
    expect(bodyOf(mails[0])).not.toContain('Cheap pills');
  });

  it('one account asking for 20 addresses, a minute apart, reaches EMAIL_CHANGE_PER_ACCOUNT_PER_DAY of them', async () => {
    const user = await spammer();
    const start = new Date();
    const statuses = [];
    for (let request = 0; request < 20; request++) {
      const now = new Date(start.getTime() + request * MINUTE);
      statuses.push((await requestEmailChange({ userId: user.id, newEmail: `victim${request}@example.com`, currentPassword: PASSWORD, locale: 'en', now })).status);
    }
    const perDay = config.EMAIL_CHANGE_PER_ACCOUNT_PER_DAY;
    expect(statuses).toEqual([...Array(perDay).fill('sent'), ...Array(20 - perDay).fill('too-many-requests')]);
    await drainOutbox({ now: new Date(start.getTime() + 30 * MINUTE) });
    expect(fake.emails).toHaveLength(perDay);
    for (const email of fake.emails) expect(bodyOf(email)).not.toContain('spam.example');
  });

  it('many accounts aiming at one address: EMAIL_SEND_PER_DAY mails a day', async () => {
    const start = new Date();
    const statuses = [];
    for (let request = 0; request < 8; request++) {
      const user = await spammer();
      const now = new Date(start.getTime() + request * 2 * MINUTE);
      statuses.push((await requestEmailChange({ userId: user.id, newEmail: 'victim@example.com', currentPassword: PASSWORD, locale: 'en', now })).status);
    }
    const perDay = config.EMAIL_SEND_PER_DAY;
    expect(statuses).toEqual([...Array(perDay).fill('sent'), ...Array(8 - perDay).fill('too-many-requests')]);
    expect(await deliveredTo('victim@example.com', new Date(start.getTime() + 20 * MINUTE))).toHaveLength(perDay);
  });

  it('an address another account holds is limited the same way, so the limit tells nothing', async () => {
    const holder = await insertUser();
    const user = await spammer();
    const now = new Date();
    const ask = async (newEmail: string) => (await requestEmailChange({ userId: user.id, newEmail, currentPassword: PASSWORD, locale: 'en', now })).status;
    expect([await ask(holder.email!), await ask(holder.email!)]).toEqual(['sent', 'too-many-requests']);
    expect([await ask('free@example.com'), await ask('free@example.com')]).toEqual(['sent', 'too-many-requests']);
    expect(await deliveredTo(holder.email!, now)).toEqual([]);
  });
});

describe('sign-up mail carries no name', () => {
  it('neither the verification mail nor the sign-up-attempt mail to the owner shows what was typed as the name', async () => {
    const now = new Date();
    await signUp({ name: SPAM, email: 'target@example.com', password: 'tangerine-oxbow-47', locale: 'en', now });
    await signUp({ name: SPAM, email: 'target@example.com', password: 'tangerine-oxbow-47', locale: 'en', now: new Date(now.getTime() + 2 * MINUTE) });
    const mails = await deliveredTo('target@example.com', new Date(now.getTime() + 2 * MINUTE));
    expect(mails.map((email) => email.subject).sort()).toEqual([`Confirm your email address for ${config.APP_NAME}`, `Someone tried to sign up for ${config.APP_NAME} with your email`]);
    for (const email of mails) {
      expect(bodyOf(email)).not.toContain('spam.example');
      expect(bodyOf(email)).not.toContain('Cheap pills');
    }
  });
});
