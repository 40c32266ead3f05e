'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * Recovery codes shown once, right after they were made: the list, Download (a .txt file, works
 * without JavaScript) and Copy. Nothing can show them again; Generate new codes replaces them.
 */
export function RecoveryCodesDisplay({ codes }: { codes: string[] }) {
  const t = useTranslations('security.codes');
  const [copied, setCopied] = useState(false);
  const text = `${t('fileHeading')}\n\n${codes.join('\n')}\n`;
  return (
    <div className="stack" role="region" aria-label={t('shownOnce')}>
      <p role="status" className="notice">
        {t('shownOnce')}
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="actions">
        <a className="button secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt">
          {t('download')}
        </a>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true));
          }}
        >
          {t('copy')}
        </button>{' '}
        {copied ? <span role="status">{t('copied')}</span> : null}
      </p>
    </div>
  );
}
