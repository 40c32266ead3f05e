import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { logOut } from '@/app/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';

export async function SiteHeader() {
  const t = await getTranslations('common');
  const user = await getCurrentUser();
  return (
    <header className="site-header">
      <Link prefetch={false} href="/" className="brand">
        {config.APP_NAME}
      </Link>
      <nav aria-label={t('mainNavigation')}>
        {user ? (
          <>
            <span className="muted">{user.name ?? user.email}</span>
            <Link prefetch={false} href="/account">{t('account')}</Link>
            {user.role === 'admin' ? <Link prefetch={false} href="/admin">{t('admin')}</Link> : null}
            <form action={logOut}>
              <button type="submit" className="secondary">
                {t('logOut')}
              </button>
            </form>
          </>
        ) : (
          <>
            <Link prefetch={false} href="/signup">{t('signUp')}</Link>
            <Link prefetch={false} href="/login">{t('logIn')}</Link>
          </>
        )}
      </nav>
    </header>
  );
}
