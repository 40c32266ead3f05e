'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { enabledSocialProviders, socialProviderIds } from '@/lib/auth/providers';
import { startSocialSignIn } from '@/lib/auth/social/start-social-sign-in';
import { callbackPathSchema } from '@/lib/validation/fields';

const continueSchema = z.object({ provider: z.enum(socialProviderIds), callbackUrl: callbackPathSchema });

/** The "Continue with …" buttons on /login and /signup: off to the provider, back to callbackUrl or /account. */
export async function continueWithProvider(formData: FormData): Promise<void> {
  const parsed = continueSchema.safeParse({ provider: formData.get('provider'), callbackUrl: formData.get('callbackUrl') ?? undefined });
  if (!parsed.success || !enabledSocialProviders().some(({ id }) => id === parsed.data.provider)) redirect('/login?error=provider-error');
  const { provider, callbackUrl } = parsed.data;
  await startSocialSignIn(provider, { redirectTo: callbackUrl ?? '/account', failureRedirect: '/login?error=provider-error' });
}
