import 'server-only';
import { isSocialProviderId, socialProviderName } from '@/lib/auth/providers';

const ownMethods = ['password', 'passkey', 'reactivation', 'restore'] as const;

/** How a session started, in words: a provider by its name, our own ways by their catalogue key under `methods`. */
export function sessionMethodLabel(method: string, t: (key: string, values?: Record<string, string>) => string): string {
  if (isSocialProviderId(method)) return t('methods.provider', { provider: socialProviderName(method) });
  return (ownMethods as readonly string[]).includes(method) ? t(`methods.${method}`) : method;
}
