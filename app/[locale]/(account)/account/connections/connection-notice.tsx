import { getTranslations } from 'next-intl/server';

const ERROR_KEYS: Record<string, string> = {
  'linked-elsewhere': 'linkedElsewhere',
  'provider-taken': 'providerTaken',
  'account-inactive': 'accountInactive',
  'reauth-mismatch': 'reauthMismatch',
  'provider-error': 'providerError',
};

/** The outcome of a connect or disconnect that came back through a redirect (?linked=, ?unlinked=, ?error=). */
export async function ConnectionNotice({ linked, unlinked, error }: { linked?: string; unlinked?: string; error?: string }) {
  const t = await getTranslations('social.connections');
  if (error && Object.hasOwn(ERROR_KEYS, error)) {
    return (
      <div role="alert" className="notice error">
        {t(`errors.${ERROR_KEYS[error]}`)}
      </div>
    );
  }
  const message = linked ? t('linked', { provider: linked }) : unlinked ? t('unlinked', { provider: unlinked }) : null;
  return message ? (
    <div role="status" className="notice success">
      {message}
    </div>
  ) : null;
}
