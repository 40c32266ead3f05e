import { getFormatter, getTranslations } from 'next-intl/server';
import { PasskeyStepUp } from '@/components/step-up/passkey-step-up';
import { config } from '@/lib/config';
import { getClientInfo } from '@/lib/http/client-info';
import { defaultPasskeyName } from '@/lib/passkeys/default-name';
import { listPasskeys } from '@/lib/passkeys/list-passkeys';
import { getTwoStepStatus } from '@/lib/two-step/status';
import { AddPasskeyForm } from './add-passkey-form';
import { PasskeyTable } from './passkey-table';

/**
 * The Passkeys section of /account/security: the person's passkeys (name, added, last used,
 * Remove) and Add a passkey. Changes need a fresh sign-in (`fresh`, from the page); without one
 * the section says how to get it.
 */
export async function PasskeysSection({ userId, locale, fresh }: { userId: string; locale: string; fresh: boolean }) {
  const [t, format, passkeys, status, client] = await Promise.all([
    getTranslations({ locale, namespace: 'passkeys' }),
    getFormatter({ locale }),
    listPasskeys(userId),
    getTwoStepStatus(userId),
    getClientInfo(),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const lastFactor = !status.totp && passkeys.length === 1;
  return (
    <section aria-labelledby="passkeys-heading" className="stack">
      <h2 id="passkeys-heading">{t('section.heading')}</h2>
      <p>{passkeys.length ? t('section.count', { count: passkeys.length }) : t('section.none')}</p>
      <PasskeyTable
        rows={passkeys.map((passkey) => ({ id: passkey.id, name: passkey.name, added: when(passkey.createdAt), lastUsed: passkey.lastUsedAt ? when(passkey.lastUsedAt) : t('section.never') }))}
        columns={{ name: t('section.name'), added: t('section.added'), lastUsed: t('section.lastUsed') }}
        canRemove={fresh}
        lastFactor={lastFactor}
      />
      {fresh ? (
        <AddPasskeyForm defaultName={defaultPasskeyName(client.userAgent, (browser, os) => t('add.defaultNameFormat', { browser, os }), t('add.defaultName'))} />
      ) : (
        <>
          <p role="status" className="notice">
            {t('freshRequired', { minutes: config.FRESH_SIGN_IN_MINUTES })}
          </p>
          {passkeys.length ? <PasskeyStepUp next="/account/security" /> : null}
        </>
      )}
    </section>
  );
}
