import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { LocaleSwitcher } from './locale-switcher';

export async function SiteFooter() {
  const t = await getTranslations('common');
  const locale = await getLocale();
  return (
    <footer className="site-footer">
      <span>{t('footerNote', { appName: config.APP_NAME })}</span>
      <span>
        <Link prefetch={false} href="/terms">{t('terms')}</Link> · <Link prefetch={false} href="/privacy">{t('privacy')}</Link>
      </span>
      <LocaleSwitcher current={locale} />
    </footer>
  );
}
