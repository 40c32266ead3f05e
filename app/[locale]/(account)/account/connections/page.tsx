import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConnectedAccounts, type ConnectionRow } from '@/components/connected-accounts';
import { socialProviderLabel } from '@/components/social-provider-label';
import { enabledSocialProviders, isSocialProviderId, socialProviderName, type SocialProviderId } from '@/lib/auth/providers';
import { requireUser } from '@/lib/auth/session';
import { listConnectedAccounts } from '@/lib/auth/social/provider-accounts';
import { connectProvider, disconnectProvider } from './actions';
import { ConnectionNotice } from './connection-notice';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('social.connections');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// /account/connections: the social accounts a person signs in with, to connect and disconnect.
// ?linked=<provider>, ?unlinked=<provider> and ?error=<code> report the last change.
async function ConnectionsPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const user = await requireUser('/account/connections');
  const [t, format, params, connected] = await Promise.all([
    getTranslations('social'),
    getFormatter(),
    searchParams,
    listConnectedAccounts(user.id),
  ]);
  const enabled = enabledSocialProviders();
  // Configured providers, then any the person linked before its configuration was removed.
  const unconfigured = connected
    .map((account) => account.provider)
    .filter((id): id is SocialProviderId => isSocialProviderId(id) && !enabled.some((provider) => provider.id === id));
  const providers = [...enabled, ...unconfigured.map((id) => ({ id, name: socialProviderName(id) }))];
  const rows: ConnectionRow[] = providers.map((provider) => {
    const account = connected.find((entry) => entry.provider === provider.id);
    return {
      id: provider.id,
      label: socialProviderLabel(provider, t),
      connectedOn: account ? format.dateTime(account.linkedAt, { dateStyle: 'long' }) : null,
      canConnect: enabled.some(({ id }) => id === provider.id),
    };
  });
  const labelOf = (id: string | undefined) => rows.find((row) => row.id === id)?.label;

  return (
    <section>
      <h1>{t('connections.title')}</h1>
      <p>{t('connections.intro')}</p>
      <ConnectionNotice linked={labelOf(single(params.linked))} unlinked={labelOf(single(params.unlinked))} error={single(params.error)} />
      {user.passwordHash ? null : (
        <p>
          {t('connections.noPassword')} <Link prefetch={false} href="/account/password">{t('connections.setPassword')}</Link>
        </p>
      )}
      {rows.length ? (
        <ConnectedAccounts rows={rows} connectAction={connectProvider} disconnectAction={disconnectProvider} />
      ) : (
        <p className="muted">{t('connections.noProviders')}</p>
      )}
    </section>
  );
}

export default withAreaMessages('account/connections', ConnectionsPage);
