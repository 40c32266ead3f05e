import 'server-only';
import { ensureDatabase } from '@/db';
import { ConfigError, config, type Config } from './config';

export async function startServer(): Promise<void> {
  try {
    refuseUnvouchedClientIps(config);
    const kind = await ensureDatabase();
    if (config.NODE_ENV === 'production' && !config.RESEND_API_KEY) {
      console.warn('[mail] LOCAL_MAILBOX=on: mail is kept in the local mailbox at /dev/mailbox (signed-in admins only), not sent to people.');
    }
    if (config.NODE_ENV === 'production' && !config.SOLAPI_API_KEY) {
      console.warn('[sms] SOLAPI is not configured (LOCAL_SMS_INBOX=on): SMS go to /dev/sms, readable by admins only, not to phones.');
    }
    console.info(`[startup] database ready (${kind})`);
  } catch (error) {
    console.error(`[startup] ${describeStartupError(error)}`);
    process.exit(1);
  }
}

export function describeStartupError(error: unknown): string {
  if (error instanceof Error && error.name === 'ConfigError') return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code;
  return `Database unreachable or not migrated: ${code ? `${code} ` : ''}${message}`.replace(/\s+/g, ' ');
}

/**
 * With no proxy in front (TRUST_PROXY_HOPS=0) only server.mjs (`npm start`) can vouch for the
 * client's address: plain `next start` passes on whatever X-Forwarded-For a client sends.
 */
function refuseUnvouchedClientIps(config: Config): void {
  if (config.NODE_ENV !== 'production' || config.VERCEL || config.TRUST_PROXY_HOPS > 0 || process.env.LIFECYCLE_SERVER_ENTRY) return;
  throw new ConfigError('Invalid configuration: start with `npm start` (server.mjs), which takes client IPs from the socket, or set TRUST_PROXY_HOPS to the number of proxies in front');
}
