import type { AbstractIntlMessages } from 'next-intl';

// The parts of the catalogue that client components translate with useTranslations. Only these go
// to the browser: the whole catalogue (mail, admin, legal text) would be serialized into every page
// twice, once in the HTML and once in the RSC payload. A client component using another namespace
// fails its render test and the e2e suite.
export const CLIENT_NAMESPACES = [
  'common',
  'errors',
  'auth',
  'reactivate',
  'account',
  'phone',
  'notificationsSms',
  'social.connections',
  'admin.nav',
  'twoStep',
  'security',
  'passkeys.add',
  'passkeys.remove',
  'passkeys.signIn',
  'passkeys.secondFactor',
  'passkeys.stepUp',
] as const;

/** The client namespaces of a full catalogue, nested as in the catalogue. */
export function pickClientMessages(messages: AbstractIntlMessages): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const path of CLIENT_NAMESPACES) {
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
