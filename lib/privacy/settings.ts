import type { Config } from '@/lib/config';
import type { ProcessingSettings } from './processing';

/** The periods the processing table states, from the configuration in force. */
export function processingSettingsOf(
  settings: Pick<Config, 'WITHDRAWAL_GRACE_DAYS' | 'LOGIN_EVENT_RETENTION_DAYS' | 'MAIL_OUTBOX_RETENTION_DAYS' | 'MARKETING_CONSENT_RECONFIRM_DAYS'>,
): ProcessingSettings {
  return {
    withdrawalGraceDays: settings.WITHDRAWAL_GRACE_DAYS,
    loginEventDays: settings.LOGIN_EVENT_RETENTION_DAYS,
    mailRetentionDays: settings.MAIL_OUTBOX_RETENTION_DAYS,
    reconfirmDays: settings.MARKETING_CONSENT_RECONFIRM_DAYS,
  };
}
