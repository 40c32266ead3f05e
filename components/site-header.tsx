import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { logOut } from '@/app/session-actions';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';

export async function SiteHeader() {
  const t = await getTranslations('common');
  const user = await getCurrentUser();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {config.APP_NAME}
      </Link>
      <nav aria-label={t('mainNavigation')}>
        {user ? (
          <>
            <span className="muted">{user.name ?? user.email}</span>
            <Link href="/account">{t('account')}</Link>
            {user.role === 'admin' ? <Link href="/admin">{t('admin')}</Link> : null}
            <form action={logOut}>
              <button type="submit" className="secondary">
                {t('logOut')}
              </button>
            </form>
          </>
        ) : (
          <>
            <Link href="/signup">{t('signUp')}</Link>
            <Link href="/login">{t('logIn')}</Link>
          </>
        )}
      </nav>
    </header>
  );
}
