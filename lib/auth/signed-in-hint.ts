import type { UserRole } from '@/db/schema';

// The signed-in hint: a cookie readable by scripts that says only that this browser holds a session
// (never whose, and it opens nothing). Prerendered pages cannot know who asks, so their header
// (components/header-links.tsx) shows the signed-out links unless this cookie is there, and then
// asks GET /api/signed-in. It is set with the session (lib/sessions/start-session.ts), cleared by
// Log out, and kept in line with the session cookie by proxy.ts.
export const SIGNED_IN_HINT_COOKIE = 'signed-in';

/** GET /api/signed-in's answer: whom the header names, or nobody when the cookie opens no session. */
export type SignedInAnswer = { signedIn: true; name: string; role: UserRole } | { signedIn: false };
