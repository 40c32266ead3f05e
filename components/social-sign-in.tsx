import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SubmitButton } from '@/components/form/submit-button';
import type { SocialProvider } from '@/lib/auth/providers';
import { ReturnPathInput } from './query-notice';
import { socialProviderLabel } from './social-provider-label';

type SocialSignInProps = {
  /** From enabledSocialProviders(); nothing is rendered when it is empty. */
  providers: SocialProvider[];
  /** A server action reading `provider` (and `callbackUrl`, when given) from the form. */
  action: (formData: FormData) => Promise<void>;
  callbackUrl?: string;
  /** Take callbackUrl from the page's query in the browser instead (a prerendered page: /login). */
  callbackUrlFromQuery?: boolean;
  /** The section's heading; "Other ways to continue" by default, none with null. */
  title?: string | null;
  /** The terms notice under the buttons: on where a first sign-in creates an account. */
  showAgreement?: boolean;
  /** Link Terms and Privacy Policy in that notice; off where the page already links them (sign-up form). */
  linkAgreement?: boolean;
};

/** One "Continue with …" button per enabled provider, for /login, /signup and reauthentication. */
export async function SocialSignIn({ providers, action, callbackUrl, callbackUrlFromQuery = false, title, showAgreement = true, linkAgreement = true }: SocialSignInProps) {
  if (!providers.length) return null;
  const t = await getTranslations('social');
  return (
    <section className="social-sign-in" aria-labelledby={title === null ? undefined : 'social-sign-in-title'}>
      {title === null ? null : <h2 id="social-sign-in-title">{title ?? t('otherWays')}</h2>}
      <ul className="social-buttons">
        {providers.map((provider) => (
          <li key={provider.id}>
            <form action={action}>
              <input type="hidden" name="provider" value={provider.id} />
              {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
              {callbackUrlFromQuery ? <ReturnPathInput /> : null}
              <SubmitButton className="secondary">{t('continueWith', { provider: socialProviderLabel(provider, t) })}</SubmitButton>
            </form>
          </li>
        ))}
      </ul>
      {showAgreement ? (
        <p className="muted">
          {t.rich('agreement', {
            terms: (chunks) => (linkAgreement ? <Link prefetch={false} href="/terms">{chunks}</Link> : chunks),
            privacy: (chunks) => (linkAgreement ? <Link prefetch={false} href="/privacy">{chunks}</Link> : chunks),
          })}
        </p>
      ) : null}
    </section>
  );
}
