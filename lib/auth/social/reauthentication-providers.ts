import 'server-only';
import { enabledSocialProviders, type SocialProvider } from '@/lib/auth/providers';
import { listConnectedAccounts } from './provider-accounts';

/** The enabled providers this person has connected: the ones a reauthentication can use. */
export async function listReauthenticationProviders(userId: string): Promise<SocialProvider[]> {
  const connected = new Set((await listConnectedAccounts(userId)).map((account) => account.provider));
  return enabledSocialProviders().filter(({ id }) => connected.has(id));
}
