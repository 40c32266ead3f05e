'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { RemovePasskeyForm } from './remove-passkey-form';

export type PasskeyRow = { id: string; name: string; added: string; lastUsed: string };

/**
 * The passkey list. A client component so that "Passkey removed" stays on screen after its row
 * (and the form that removed it) has gone with the page's refresh.
 */
export function PasskeyTable(props: { rows: PasskeyRow[]; columns: { name: string; added: string; lastUsed: string }; canRemove: boolean; lastFactor: boolean }) {
  const { rows, columns, canRemove, lastFactor } = props;
  const t = useTranslations('passkeys.remove');
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
              <th scope="col">{columns.name}</th>
              <th scope="col">{columns.added}</th>
              <th scope="col">{columns.lastUsed}</th>
              <th scope="col">
                <span className="visually-hidden">{t('button')}</span>
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
