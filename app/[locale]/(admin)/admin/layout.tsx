import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireAdmin } from '@/lib/auth/session';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin');
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, robots: { index: false } };
}

// The layout's check is only a first line: every page and every action checks again itself.
export default async function AdminLayout({ children, params }: LocaleParams & { children: React.ReactNode }) {
  await setPageLocale(params);
  await requireAdmin();
  return (
    <div className="admin-console">
      <AdminNav />
      {children}
    </div>
  );
}
