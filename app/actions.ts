'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/auth';
import { cookieOptions } from '@/lib/http/cookie-options';
import { safeReturnPath } from '@/lib/http/return-path';
import { SIGNED_IN_HINT_COOKIE } from '@/lib/auth/signed-in-hint';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, supportedLocales } from '@/lib/i18n/locale';
import { saveLocaleForCurrentUser } from '@/lib/i18n/save-locale';

// The actions of the root layout (header and footer), on every page whatever the group.

const changeLocaleSchema = z.object({ locale: z.enum(supportedLocales) });

/**
 * The footer's language switcher: a cookie for everyone, and users.locale when signed in. Then back
 * to the page it was posted from, as a new request: this post was routed to the old locale's copy of
 * the page (proxy.ts), which is all a re-render here could show.
 */
export async function changeLocale(formData: FormData): Promise<void> {
  const parsed = changeLocaleSchema.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  cookieStore.set(LOCALE_COOKIE, parsed.data.locale, cookieOptions('/', LOCALE_COOKIE_MAX_AGE));
  await saveLocaleForCurrentUser(parsed.data.locale);
  redirect(samePageAs(headerList.get('referer')));
}

/** The path (and query) of the page a form was posted from, when its Referer names one of ours; else home. */
function samePageAs(referer: string | null): string {
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return safeReturnPath(`${url.pathname}${url.search}`) ?? '/';
  } catch {
    return '/';
  }
}

/** The header's Log out button: ends this session and goes home. */
export async function logOut(): Promise<void> {
  (await cookies()).delete(SIGNED_IN_HINT_COOKIE);
  await signOut({ redirectTo: '/' });
}
