import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SocialSignIn } from '@/components/social-sign-in';
import { requireUser } from '@/lib/auth/session';
import { listReauthenticationProviders } from '@/lib/auth/social/reauthentication-providers';
import { callbackPathSchema } from '@/lib/validation/fields';
import { StepUpOptions } from '../../step-up-options';
import { reauthenticateWithProvider } from '../actions';
import { ConnectionNotice } from '../connection-notice';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('social.reauthenticate');
  return { title: t('title') };
}

// /account/connections/reauthenticate?provider=<id>&next=<path>: a fresh provider sign-in for a
// signed-in person (see hasFreshSignIn), then on to `next`. Without `provider`, every connected one is offered.
async function ReauthenticatePage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const params = await searchParams;
  const provider = typeof params.provider === 'string' ? params.provider : undefined;
  const next = callbackPathSchema.parse(typeof params.next === 'string' ? params.next : undefined);
  const query = new URLSearchParams({ ...(provider ? { provider } : {}), ...(next ? { next } : {}) });
  const user = await requireUser(`/account/connections/reauthenticate${query.size ? `?${query}` : ''}`);
  const t = await getTranslations('social.reauthenticate');
  const usable = await listReauthenticationProviders(user.id);
  const offered = usable.some(({ id }) => id === provider) ? usable.filter(({ id }) => id === provider) : usable;
  return (
    <section>
      <h1>{t('title')}</h1>
      <ConnectionNotice error={typeof params.error === 'string' ? params.error : undefined} />
      {offered.length ? (
        <>
          <p>{t('body')}</p>
          <SocialSignIn providers={offered} action={reauthenticateWithProvider} callbackUrl={next} title={null} showAgreement={false} />
        </>
      ) : (
        <p>{t('noConnections')}</p>
      )}
      <StepUpOptions next={next ?? '/account'} steppedUp={false} />
    </section>
  );
}

export default withAreaMessages('account/connections/reauthenticate', ReauthenticatePage);
