import { SignedInFrame } from '@/components/page-frame';

// The consent links' page renders per request (it reads the link's token), so the header can say
// who is signed in, as in the signed-in areas.
export default function ConsentLayout({ children }: { children: React.ReactNode }) {
  return <SignedInFrame>{children}</SignedInFrame>;
}
