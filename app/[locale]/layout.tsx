import type { Metadata } from 'next';
import { PageShell, shellMetadata } from '@/components/page-shell';
import { setPageLocale } from '@/lib/i18n/page-locale';

type Props = { children: React.ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Omit<Props, 'children'>): Promise<Metadata> {
  return shellMetadata(await setPageLocale(params));
}

// Every page, in the locale proxy.ts rewrote the request to (the URL a person sees has none).
export default async function LocaleLayout({ children, params }: Props) {
  const locale = await setPageLocale(params);
  return <PageShell locale={locale}>{children}</PageShell>;
}
