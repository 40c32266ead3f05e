import type { AbstractIntlMessages } from 'next-intl';

// The parts of the catalogue that client components translate with useTranslations, per area of
// the app. Only these go to the browser, and only to the pages of their area: the catalogue's client
// parts for every page would be serialized into each one (its inline RSC payload), about half of a
// public page's HTML. The root layout's provider carries `everywhere` (header, footer, error pages,
// every form's failure message); the auth and admin route groups' layouts wrap their pages in a
// provider with their area's namespaces as well, and each account page wraps itself in one with its
// own forms' (`account/password` for /account/password, …): the account area's client messages
// together were 13 KB, more than half of /account's payload, for forms on other pages.
// A client component rendered where its namespace is left out fails the catalogue test
// (tests/unit/i18n-catalogues.test.ts) and the e2e suite.
const STEP_UP = ['security.stepUp', 'passkeys.stepUp'] as const;

export const CLIENT_NAMESPACES = {
  everywhere: ['common', 'errors'],
  auth: ['auth', 'reactivate', 'twoStep', 'passkeys.signIn', 'passkeys.secondFactor'],
  admin: ['admin.nav'],
  account: ['account.profile', 'account.notifications', 'account.pendingEmail', 'notificationsSms'],
  'account/time-zone': ['account.timeZone'],
  'account/email': ['account.email', ...STEP_UP],
  'account/password': ['account.password', ...STEP_UP],
  'account/withdraw': ['account.withdraw', ...STEP_UP],
  'account/export': STEP_UP,
  'account/security': ['security', 'passkeys.add', 'passkeys.remove', 'passkeys.stepUp'],
  'account/phone': ['phone'],
  'account/restore': ['account.restore'],
  'account/connections': ['social.connections'],
  'account/connections/reauthenticate': STEP_UP,
} as const;

export type ClientArea = Exclude<keyof typeof CLIENT_NAMESPACES, 'everywhere'>;

/** The namespaces of a full catalogue the area's client components use (with `everywhere`), nested as in the catalogue. */
export function pickClientMessages(messages: AbstractIntlMessages, area?: ClientArea): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const path of [...CLIENT_NAMESPACES.everywhere, ...(area ? CLIENT_NAMESPACES[area] : [])]) {
    const keys = path.split('.');
    let source: AbstractIntlMessages | string | undefined = messages;
    for (const key of keys) source = typeof source === 'object' ? source[key] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as AbstractIntlMessages;
    target[keys[keys.length - 1]] = source;
  }
  return picked;
}
