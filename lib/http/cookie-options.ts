import 'server-only';
import { config } from '@/lib/config';

/**
 * The one policy for the cookies the product sets itself (Auth.js sets its session cookie the same
 * way): httpOnly, SameSite=Lax (a provider's callback and a link from a mail are top-level GETs,
 * which carry Lax cookies), and Secure whenever the app is served over https. `readableByScripts`
 * drops httpOnly, for a cookie that holds nothing secret and that the page's scripts must read
 * (the signed-in hint, lib/auth/signed-in-hint.ts).
 */
export function cookieOptions(path: string, maxAgeSeconds: number, { readableByScripts = false }: { readableByScripts?: boolean } = {}) {
  return { httpOnly: !readableByScripts, sameSite: 'lax' as const, secure: new URL(config.APP_URL).protocol === 'https:', path, maxAge: maxAgeSeconds };
}
