// STUB until feat/twostep merges (engineer A owns /account/security with its Two-step verification
// and Recovery codes sections): only the Passkeys section, so this branch can add and remove passkeys.
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { requireUser } from '@/lib/auth/session';
import { PasskeysSection } from './passkeys-section';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passkeys');
  return { title: t('securityTitle') };
}

export default async function SecurityPage() {
  const user = await requireUser('/account/security');
  const [t, locale, fresh] = await Promise.all([getTranslations('passkeys'), getLocale(), hasFreshSignIn()]);
  return (
    <section>
      <h1>{t('securityTitle')}</h1>
      <PasskeysSection userId={user.id} locale={locale} fresh={fresh} />
    </section>
  );
}
