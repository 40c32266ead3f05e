import 'server-only';
import { ensureDatabase } from '@/db';
import { getConfig } from './config';

export async function startServer(): Promise<void> {
  try {
    const config = getConfig();
    const kind = await ensureDatabase();
    if (config.NODE_ENV === 'production' && !config.RESEND_API_KEY) {
      console.warn('[mail] RESEND_API_KEY is not set: mail goes to the local mailbox at /dev/mailbox, not to people.');
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
