'use client';

import { useTranslations } from 'next-intl';
import { useRef, useTransition } from 'react';
import { changeLocale } from '@/app/actions';
import { supportedLocales } from '@/lib/i18n/locale';

export function LocaleSwitcher({ current }: { current: string }) {
  const t = useTranslations('common');
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form ref={form} action={changeLocale} className="locale-switcher">
      <label htmlFor="locale-select">{t('language')}</label>{' '}
      <select
        id="locale-select"
        name="locale"
        defaultValue={current}
        disabled={pending}
        onChange={() => startTransition(() => form.current?.requestSubmit())}
      >
        {supportedLocales.map((locale) => (
          <option key={locale} value={locale}>
            {t(`languageNames.${locale}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">{t('save')}</button>
      </noscript>
    </form>
  );
}
