import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { socialProviderLabel } from '@/components/social-provider-label';
import type { SocialProvider } from '@/lib/auth/providers';
import { StepUpOptions } from './step-up-options';

type ReauthenticateLinksProps = {
  /** The person's connected, enabled providers (listReauthenticationProviders). */
  providers: SocialProvider[];
  /** Where the reauthentication comes back to. */
  next: string;
};

/** One "Confirm with …" link per connected provider, through /account/connections/reauthenticate. */
export async function ReauthenticateLinks({ providers, next }: ReauthenticateLinksProps) {
  const [t, tSocial] = await Promise.all([getTranslations('account.freshSignIn'), getTranslations('social')]);
  if (!providers.length) return <p>{t('noProviders')}</p>;
  return (
    <ul className="social-buttons">
      {providers.map((provider) => (
        <li key={provider.id}>
          <Link prefetch={false} className="button secondary" href={`/account/connections/reauthenticate?${new URLSearchParams({ provider: provider.id, next })}`}>
            {t('confirmWith', { provider: socialProviderLabel(provider, tSocial) })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Shown instead of a form when an account without a password has not signed in within
 * FRESH_SIGN_IN_MINUTES: why, and the ways to confirm it is them (a provider, a code, a passkey).
 */
export async function FreshSignInPrompt({ providers, next, minutes }: ReauthenticateLinksProps & { minutes: number }) {
  const t = await getTranslations('account.freshSignIn');
  return (
    <div className="stack">
      <p role="status" className="notice">
        {t('required', { minutes })}
      </p>
      <ReauthenticateLinks providers={providers} next={next} />
      <StepUpOptions next={next} steppedUp={false} />
    </div>
  );
}
