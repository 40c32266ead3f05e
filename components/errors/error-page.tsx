'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { errorReference } from '@/lib/forms/action-state';

const WAYS_BACK = {
  home: { href: '/', label: 'common.backHome' },
  login: { href: '/login', label: 'errors.backToLogin' },
  account: { href: '/account', label: 'errors.backToAccount' },
  admin: { href: '/admin', label: 'errors.backToAdmin' },
} as const;

export type ErrorPageProps = { error: unknown; retry: () => void };

/**
 * What an area's error.tsx shows: what happened, the reference a person can quote (Next's digest
 * of the server error, the one in the server log), a retry and a way back into the area.
 */
export function ErrorPage({ error, retry, back }: ErrorPageProps & { back: keyof typeof WAYS_BACK }) {
  const t = useTranslations();
  const reference = errorReference(error);
  const way = WAYS_BACK[back];
  return (
    <section>
      <h1>{t('errors.title')}</h1>
      <p>{t('errors.body')}</p>
      {reference ? <p>{t('errors.reference', { reference })}</p> : null}
      <p>
        <button type="button" onClick={() => retry()}>
          {t('errors.tryAgain')}
        </button>{' '}
        <Link prefetch={false} href={way.href}>{t(way.label)}</Link>
      </p>
    </section>
  );
}
