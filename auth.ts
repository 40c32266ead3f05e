import NextAuth, { type NextAuthConfig } from 'next-auth';
import type { UserRole } from '@/db/schema';
import { buildAuthProviders } from '@/lib/auth/providers';
import { sessionAges, sessionTokenClaims } from '@/lib/auth/session-token';
import { reportAuthError } from '@/lib/auth/social/callback-failures';
import { findUserForProviderAccount, handleProviderSignIn } from '@/lib/auth/social/handle-provider-sign-in';
import { config } from '@/lib/config';
import { safeReturnPath } from '@/lib/http/return-path';
import { findCurrentSessionUser } from '@/lib/sessions/current-session';
import { endSession } from '@/lib/sessions/end-session';
import { startSession } from '@/lib/sessions/start-session';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; role: UserRole };
    sessionVersion: number;
    passwordExpired: boolean;
    /** When this session was signed in (seconds since epoch): "fresh sign-in" checks use it. */
    authTime: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    role?: UserRole;
    sv?: number;
    pe?: boolean;
    authTime?: number;
    /** The session's record in `sessions` (lib/sessions). */
    sid?: string;
  }
}

// Sessions are JWTs in an HttpOnly, SameSite=Lax cookie (Secure when served over https). Every way in
// that lib/ decides — password, two-step, passkey, reactivation, restore, password change — ends in
// lib/auth/open-session.ts, which writes Auth.js's cookie itself (lib/auth/session-token.ts), so no
// credentials endpoint exists here. Social providers (lib/auth/providers.ts) sign in through Auth.js:
// decided in lib/auth/social, they carry OUR user into the token. Auth.js renews, describes and
// signs out every session. This file holds no business rules.
// Built on first use (configuration is read lazily, never at build time), then kept: next-auth calls
// this function on every request.
let authConfig: NextAuthConfig | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => (authConfig ??= {
  secret: config.AUTH_SECRET,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: sessionAges().maxAgeSeconds, updateAge: sessionAges().renewAfterSeconds },
  pages: { signIn: '/login', error: '/login' },
  providers: buildAuthProviders(),
  events: {
    async signOut(message) {
      // Log out ends the session on the server too: a copy of the cookie opens nothing afterwards.
      if ('token' in message && message.token?.uid && message.token.sid) await endSession(message.token.uid, message.token.sid, new Date());
    },
  },
  logger: {
    error(error) {
      // The provider callback's failure reason is only visible here (see lib/auth/social/callback-failures.ts).
      reportAuthError(error);
      console.error(`[auth][error] ${error.name}: ${error.message}`, error.cause ?? '');
    },
  },
  callbacks: {
    redirect({ url, baseUrl }) {
      // Same-site targets only, answered as a path so the browser stays on the host it used: Next
      // reports a request to 127.0.0.1 as localhost, and a proxy may hide the public host.
      const target = new URL(url, baseUrl);
      const ownOrigins = new Set([new URL(baseUrl).origin, new URL(config.APP_URL).origin]);
      if (!ownOrigins.has(target.origin)) return '/';
      return safeReturnPath(`${target.pathname}${target.search}${target.hash}`) ?? '/';
    },
    async signIn({ account, profile }) {
      if (!account) return true;
      return handleProviderSignIn(account, profile);
    },
    async jwt({ token, account }) {
      if (account) {
        // The provider's user is not ours: sign in as the account the signIn callback linked or found.
        const ours = await findUserForProviderAccount(account.provider, account.providerAccountId);
        if (!ours) throw new Error(`No active account for ${account.provider} sign-in`);
        const now = new Date();
        const started = await startSession({ userId: ours.id, method: account.provider, now });
        if (!started) throw new Error(`No active account for ${account.provider} sign-in`);
        return sessionTokenClaims({ ...started.account, userId: ours.id, sessionId: started.sessionId }, now);
      }
      // Renewing the cookie (proxy.ts) or answering /api/auth/session: the same checks as a page, so
      // a session ended by Log out, "Sign out" or a password change is neither renewed nor described.
      const current = typeof token.uid === 'string' && typeof token.sv === 'number'
        ? await findCurrentSessionUser({ userId: token.uid, sessionId: typeof token.sid === 'string' ? token.sid : null, sessionVersion: token.sv })
        : null;
      return current ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? '';
      session.user.role = token.role ?? 'user';
      session.sessionVersion = token.sv ?? 0;
      session.passwordExpired = token.pe ?? false;
      session.authTime = token.authTime ?? 0;
      return session;
    },
  },
}));
