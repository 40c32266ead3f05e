'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/lib/actions/form-action';
import { enabledSocialProviders, socialProviderIds, type SocialProviderId } from '@/lib/auth/providers';
import { requireUser } from '@/lib/auth/session';
import { listConnectedAccounts, unlinkProviderAccount } from '@/lib/auth/social/provider-accounts';
import { startSocialSignIn } from '@/lib/auth/social/start-social-sign-in';
import { errorState } from '@/lib/forms/action-state';
import { callbackPathSchema } from '@/lib/validation/fields';

const CONNECTIONS = '/account/connections';
const REAUTHENTICATE = '/account/connections/reauthenticate';

const providerSchema = z.object({ provider: z.enum(socialProviderIds) });
const reauthenticateSchema = providerSchema.extend({ callbackUrl: callbackPathSchema });

function isEnabled(provider: SocialProviderId): boolean {
  return enabledSocialProviders().some(({ id }) => id === provider);
}

/** Connect: off to the provider with a link intent; the callback links the account to this person. */
export async function connectProvider(formData: FormData): Promise<void> {
  const user = await requireUser(CONNECTIONS);
  const parsed = providerSchema.safeParse({ provider: formData.get('provider') });
  if (!parsed.success || !isEnabled(parsed.data.provider)) redirect(`${CONNECTIONS}?error=provider-error`);
  const { provider } = parsed.data;
  await startSocialSignIn(provider, {
    redirectTo: `${CONNECTIONS}?linked=${provider}`,
    failureRedirect: `${CONNECTIONS}?error=provider-error`,
    intent: { purpose: 'link', userId: user.id },
  });
}

/** Disconnect, unless it is the last way to sign in (no password and no other provider). */
export const disconnectProvider = formAction(
  {
    audience: 'user',
    returnTo: CONNECTIONS,
    schema: providerSchema,
    input: (formData) => ({ provider: formData.get('provider') }),
    invalid: ({ t }) => errorState({ formError: t('social.connections.notLinked') }),
  },
  async ({ input: { provider }, user, t }) => {
    const outcome = await unlinkProviderAccount(user.id, provider);
    switch (outcome.status) {
      case 'unlinked':
        redirect(`${CONNECTIONS}?unlinked=${provider}`);
      case 'last-method':
        return errorState({ formError: t('social.connections.lastMethod') });
      case 'not-linked':
        return errorState({ formError: t('social.connections.notLinked') });
    }
  },
);

/** Reauthenticate: a fresh sign-in with a provider already connected to this person, then on to callbackUrl. */
export async function reauthenticateWithProvider(formData: FormData): Promise<void> {
  const user = await requireUser(REAUTHENTICATE);
  const parsed = reauthenticateSchema.safeParse({ provider: formData.get('provider'), callbackUrl: formData.get('callbackUrl') ?? undefined });
  if (!parsed.success || !isEnabled(parsed.data.provider)) redirect(`${REAUTHENTICATE}?error=provider-error`);
  const { provider, callbackUrl } = parsed.data;
  const connected = await listConnectedAccounts(user.id);
  if (!connected.some((account) => account.provider === provider)) redirect(`${REAUTHENTICATE}?error=reauth-mismatch`);
  await startSocialSignIn(provider, {
    redirectTo: callbackUrl ?? '/account',
    failureRedirect: `${REAUTHENTICATE}?error=provider-error`,
    intent: { purpose: 'reauthenticate', userId: user.id },
  });
}
