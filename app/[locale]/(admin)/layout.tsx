import { AreaMessages } from '@/components/i18n/area-messages';
import { SignedInFrame } from '@/components/page-frame';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export default async function AdminLayout({ children, params }: LocaleParams & { children: React.ReactNode }) {
  const locale = await setPageLocale(params);
  return (
    <AreaMessages area="admin" locale={locale}>
      <SignedInFrame>{children}</SignedInFrame>
    </AreaMessages>
  );
}
