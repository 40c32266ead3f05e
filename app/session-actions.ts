'use server';

import { signOut } from '@/auth';

/** The header's Log out button: ends this session and goes home. */
export async function logOut(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
