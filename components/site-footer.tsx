import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { LocaleSwitcher } from './locale-switcher';

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'common' });
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
