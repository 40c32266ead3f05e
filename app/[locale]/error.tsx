'use client';

import { ErrorPage, type ErrorPageProps } from '@/components/errors/error-page';

export default function AppError(props: ErrorPageProps) {
  // Below the locale layout, which draws no header (each area's frame does): the page's own <main>.
  return (
    <main id="content">
      <ErrorPage {...props} back="home" />
    </main>
  );
}
