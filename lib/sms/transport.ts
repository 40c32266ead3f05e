import 'server-only';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { SolapiMessageService } from 'solapi';
import { insertDevSms } from '@/db/dev-sms-inbox';
import { config } from '@/lib/config';
import { withSolapiRoute, type SolapiRoute } from './solapi-fetch';

// The one module that owns how SMS leave: SOLAPI when its credentials are set, else the local
// inbox (a table shown at /dev/sms).

/** One SMS; `key` is the outbox row's own key, unique per row and kept across retries. */
export type OutgoingSms = { to: string; text: string; key: string; createdAt: Date };

export type SmsOutcome =
  | { status: 'sent'; providerId: string }
  /** 5xx, network error or timeout: it may or may not have gone; the next attempt checks first. */
  | { status: 'retry'; error: string }
  /** The number or the message was refused: sending it again cannot help. */
  | { status: 'rejected'; error: string };

export type SmsTransport = {
  kind: 'solapi' | 'local';
  /** `retrying`: an earlier attempt may have reached the provider; look for it before sending again. */
  send(sms: OutgoingSms, options: { retrying: boolean }): Promise<SmsOutcome>;
};

let current: SmsTransport | undefined;

export function getSmsTransport(): SmsTransport {
  if (!current) {
    const { SOLAPI_API_KEY: key, SOLAPI_API_SECRET: secret, SMS_SENDER: sender } = config;
    current = key && secret && sender ? createSolapiTransport(key, secret, sender) : localTransport;
  }
  return current;
}

/** Whether SMS go to the local inbox (and /dev/sms exists). */
export function isLocalSmsInbox(): boolean {
  return getSmsTransport().kind === 'local';
}

const localTransport: SmsTransport = {
  kind: 'local',
  async send(sms) {
    return { status: 'sent', providerId: await insertDevSms(sms) };
  },
};

/** SOLAPI wants the number without its country code (Korean ones with the leading 0) and the code apart. */
export function solapiRecipient(e164: string): { to: string; country: string } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { to: e164.replace(/\D/g, ''), country: '82' };
  const to = parsed.country === 'KR' ? parsed.formatNational().replace(/\D/g, '') : String(parsed.nationalNumber);
  return { to, country: String(parsed.countryCallingCode) };
}

function createSolapiTransport(apiKey: string, apiSecret: string, sender: string): SmsTransport {
  const service = new SolapiMessageService(apiKey, apiSecret);
  const route = { baseUrl: config.SOLAPI_BASE_URL, timeoutMs: config.MAIL_SEND_TIMEOUT_MS };

  /** The message an earlier attempt already handed to SOLAPI, found by our key in its custom fields. */
  async function findEarlier(sms: OutgoingSms, to: string): Promise<string | null> {
    const found = await service.getMessages({ to, startDate: new Date(sms.createdAt.getTime() - 60_000), limit: 100 });
    const match = Object.entries(found.messageList).find(([, message]) => message.customFields?.outboxKey === sms.key);
    return match ? (match[1].messageId ?? match[0]) : null;
  }

  return {
    kind: 'solapi',
    async send(sms, { retrying }) {
      const { to, country } = solapiRecipient(sms.to);
      return withSolapiRoute(route, async (attempt) => {
        try {
          if (retrying) {
            const earlier = await findEarlier(sms, to);
            if (earlier) return { status: 'sent', providerId: earlier };
            attempt.sends = 0;
          }
          const response = await service.send(
            { to, from: sender, text: sms.text, country, customFields: { outboxKey: sms.key } },
            { allowDuplicates: false, showMessageList: true },
          );
          const accepted = response.messageList?.[0];
          return { status: 'sent', providerId: accepted?.messageId ?? response.groupInfo.groupId };
        } catch (error) {
          return classify(error, attempt);
        }
      });
    },
  };
}

// The SDK throws tagged errors: MessageNotReceivedError when SOLAPI refused every message (a bad
// number), BadRequestError for what its own schema refuses, ClientError (4xx), ServerError (5xx),
// NetworkError and DefaultError (retries exhausted, unreadable answer).
function classify(error: unknown, attempt: SolapiRoute): SmsOutcome {
  const tag = (error as { _tag?: string } | null)?._tag ?? 'Error';
  const description = `${attempt.lastStatus || 'network'} ${tag}: ${describe(error)}`.slice(0, 500);
  if (tag === 'MessageNotReceivedError' || tag === 'BadRequestError') return { status: 'rejected', error: description };
  if (tag === 'ClientError' && [400, 422].includes(attempt.lastStatus)) return { status: 'rejected', error: description };
  return { status: 'retry', error: description };
}

function describe(error: unknown): string {
  const failed = (error as { failedMessageList?: { statusCode: string; statusMessage: string }[] }).failedMessageList;
  if (failed?.length) return failed.map((item) => `${item.statusCode} ${item.statusMessage}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}
