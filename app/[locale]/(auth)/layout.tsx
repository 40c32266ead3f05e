import { AreaMessages } from '@/components/i18n/area-messages';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <AreaMessages area="auth">{children}</AreaMessages>;
}
