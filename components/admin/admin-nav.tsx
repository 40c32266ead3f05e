'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

const SECTIONS = [
  ['/admin', 'dashboard'],
  ['/admin/logins', 'logins'],
  ['/admin/users', 'users'],
  ['/admin/sweeps', 'sweeps'],
  ['/admin/mail', 'mail'],
  ['/admin/marketing', 'marketing'],
  ['/admin/audit', 'audit'],
] as const;

/** The admin sections; no prefetching, so only pages an admin opens are rendered (and audited). */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')} className="admin-nav">
      {SECTIONS.map(([href, key]) => {
        const current = href === '/admin' ? pathname === href : pathname.startsWith(href);
        return (
          <Link key={href} href={href} prefetch={false} aria-current={current ? 'page' : undefined}>
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
}
