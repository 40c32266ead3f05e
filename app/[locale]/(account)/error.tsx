'use client';

import { ErrorPage, type ErrorPageProps } from '@/components/errors/error-page';

export default function AccountError(props: ErrorPageProps) {
  return <ErrorPage {...props} back="account" />;
}
