'use client';

import { ErrorPage, type ErrorPageProps } from '@/components/errors/error-page';

export default function AppError(props: ErrorPageProps) {
  return <ErrorPage {...props} back="home" />;
}
