import { NotFoundContent } from '@/components/not-found-content';
import { PublicFrame } from '@/components/page-frame';

// notFound() from a page under app/[locale]: inside its layout, in the page's locale.
export default function NotFound() {
  return (
    <PublicFrame>
      <NotFoundContent />
    </PublicFrame>
  );
}
