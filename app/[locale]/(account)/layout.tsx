import { SignedInFrame } from '@/components/page-frame';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// No messages provider for the whole group: each account page carries its own forms' messages
// (AreaMessages, lib/i18n/client-messages.ts).
export default async function AccountLayout({ children, params }: LocaleParams & { children: React.ReactNode }) {
  await setPageLocale(params);
  return <SignedInFrame>{children}</SignedInFrame>;
}
