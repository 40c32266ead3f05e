import type { AbstractIntlMessages } from 'next-intl';

// The parts of the catalogue that client components translate with useTranslations, per area of
// the app. Only these go to the browser, and only to pages of their area: the catalogue's client
// parts for every page would be serialized into each one twice (the HTML and its inline RSC
// payload), about half of a public page's HTML. The root layout's provider carries `everywhere`
// (header, footer, error pages, every form's failure message); each route group's layout wraps its
// pages in a provider with its own namespaces as well. A client component using a namespace its
// area leaves out fails the catalogue test (tests/unit/i18n-catalogues.test.ts) and the e2e suite.
export const CLIENT_NAMESPACES = {
  everywhere: ['common', 'errors'],
  auth: ['auth', 'reactivate', 'twoStep', 'passkeys.signIn', 'passkeys.secondFactor'],
  account: ['account', 'phone', 'notificationsSms', 'security', 'social.connections', 'passkeys.add', 'passkeys.remove', 'passkeys.stepUp'],
  admin: ['admin.nav'],
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
