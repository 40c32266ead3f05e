import { AreaMessages } from '@/components/i18n/area-messages';
import { PublicFrame } from '@/components/page-frame';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export default async function AuthLayout({ children, params }: LocaleParams & { children: React.ReactNode }) {
  const locale = await setPageLocale(params);
  return (
    <AreaMessages area="auth" locale={locale}>
      <PublicFrame>{children}</PublicFrame>
    </AreaMessages>
  );
}
