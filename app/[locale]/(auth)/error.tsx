'use client';

import { ErrorPage, type ErrorPageProps } from '@/components/errors/error-page';

export default function AuthError(props: ErrorPageProps) {
  return <ErrorPage {...props} back="login" />;
}
