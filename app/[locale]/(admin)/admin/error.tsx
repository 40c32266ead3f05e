'use client';

import { ErrorPage, type ErrorPageProps } from '@/components/errors/error-page';

export default function AdminError(props: ErrorPageProps) {
  return <ErrorPage {...props} back="admin" />;
}
