'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { RemovePasskeyForm } from './remove-passkey-form';

export type PasskeyRow = { id: string; name: string; added: string; lastUsed: string };

/**
 * The passkey list. A client component so that "Passkey removed" stays on screen after its row
 * (and the form that removed it) has gone with the page's refresh.
 */
export function PasskeyTable({ rows, canRemove, lastFactor }: { rows: PasskeyRow[]; canRemove: boolean; lastFactor: boolean }) {
  const t = useTranslations('passkeys');
  const [removed, setRemoved] = useState<string | null>(null);
  return (
    <>
      {removed ? (
        <div role="status" className="notice success">
          {removed}
        </div>
      ) : null}
      {rows.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('section.name')}</th>
              <th scope="col">{t('section.added')}</th>
              <th scope="col">{t('section.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('remove.button')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{row.name}</td>
                <td>{row.added}</td>
                <td>{row.lastUsed}</td>
                <td>{canRemove ? <RemovePasskeyForm passkeyId={row.id} name={row.name} lastFactor={lastFactor} onRemoved={setRemoved} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
