import { PublicFrame } from '@/components/page-frame';

// The terms and the privacy policy: prerendered per locale, like every public page.
export default function LegalLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame>{children}</PublicFrame>;
}
