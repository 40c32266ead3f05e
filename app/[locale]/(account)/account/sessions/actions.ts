'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { getClientInfo } from '@/lib/http/client-info';
import { endDeviceSession, endOtherSessions } from '@/lib/sessions/end-session';

const SESSIONS = '/account/sessions';

const deviceSchema = z.object({ sessionId: z.uuid() });

// Neither asks for a password: the person is signed in here, and ending a session only takes access away.

/** "Sign out" on another device's row: that device is signed out at its next request. */
export async function signOutDevice(formData: FormData): Promise<void> {
  const user = await requireUser(SESSIONS);
  const currentSessionId = await getCurrentSessionId();
  const parsed = deviceSchema.safeParse({ sessionId: formData.get('sessionId') });
  if (!parsed.success || !currentSessionId) redirect(`${SESSIONS}?error=not-found`);
  const outcome = await endDeviceSession({ userId: user.id, sessionId: parsed.data.sessionId, currentSessionId, client: await getClientInfo(), now: new Date() });
  redirect(outcome.status === 'signed-out' ? `${SESSIONS}?signedOut=1` : `${SESSIONS}?error=not-found`);
}

/** "Sign out of all other devices". */
export async function signOutOtherDevices(): Promise<void> {
  const user = await requireUser(SESSIONS);
  const currentSessionId = await getCurrentSessionId();
  if (!currentSessionId) redirect(`/login?callbackUrl=${encodeURIComponent(SESSIONS)}`);
  const count = await endOtherSessions({ userId: user.id, currentSessionId, client: await getClientInfo(), now: new Date() });
  redirect(`${SESSIONS}?signedOutOthers=${count}`);
}
