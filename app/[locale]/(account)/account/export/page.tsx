// /account/export: Download my data. What the file holds, and the Download my data button (posting to
// ./download). Within FRESH_SIGN_IN_MINUTES of signing in the button is enough; later an account with a
// password types it again, and one without confirms with a connected provider first.
// ?error=<code> reports a refused download.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Field } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { requireUser } from '@/lib/auth/session';
import { listReauthenticationProviders } from '@/lib/auth/social/reauthentication-providers';
import { config } from '@/lib/config';
import { errorState } from '@/lib/forms/action-state';
import { FreshSignInPrompt } from '../fresh-sign-in-prompt';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

const PATH = '/account/export';
const items = ['profile', 'consents', 'sessions', 'logins', 'providers', 'twoStep', 'mail'] as const;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('sessions.export');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function ExportPage({ params: segment, searchParams }: LocaleParams & { searchParams: SearchParams }) {
  await setPageLocale(segment);
  const user = await requireUser(PATH);
  const [t, params, fresh] = await Promise.all([getTranslations('sessions.export'), searchParams, hasFreshSignIn()]);
  const minutes = config.FRESH_SIGN_IN_MINUTES;
  const error = typeof params.error === 'string' ? params.error : undefined;
  const passwordError =
    error === 'wrong-password' ? t('wrongPassword') : error === 'too-many-attempts' ? t('tooManyAttempts', { minutes: config.REAUTH_WINDOW_MINUTES }) : null;
  const formError = error === 'limit-reached' ? t('limitReached', { count: config.DATA_EXPORT_PER_DAY }) : error === 'stale-sign-in' ? t('stale', { minutes }) : null;
  const needsPassword = !fresh && Boolean(user.passwordHash);
  const providers = !fresh && !user.passwordHash ? await listReauthenticationProviders(user.id) : [];

  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro', { appName: config.APP_NAME })}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{t(`items.${item}`)}</li>
        ))}
      </ul>
      <p>{t('never')}</p>
      <p className="muted">{t('limit', { count: config.DATA_EXPORT_PER_DAY })}</p>
      {formError ? (
        <div role="alert" className="notice error">
          {formError}
        </div>
      ) : null}
      {!fresh && !user.passwordHash ? (
        <FreshSignInPrompt providers={providers} next={PATH} minutes={minutes} />
      ) : (
        <form method="post" action={`${PATH}/download`} className="stack">
          {needsPassword ? (
            <Field
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              label={t('currentPassword')}
              hint={t('passwordHint')}
              state={passwordError ? errorState({ fieldErrors: { currentPassword: [passwordError] } }) : undefined}
            />
          ) : null}
          <SubmitButton>{t('download')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

export default withAreaMessages('account/export', ExportPage);
