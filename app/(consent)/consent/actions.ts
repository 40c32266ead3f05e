'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { answerConsentLink } from '@/lib/consent/answer-consent-link';
import { config } from '@/lib/config';
import { errorState, type ActionState } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';

// No session here on purpose: the signed token from the reconfirmation mail is the authority, and it
// does one thing (keep or stop one channel) for one period.

const tokenSchema = z.string().min(1).max(300);

/** The confirming click on /consent: keep or stop, as the link says. */
export async function answerConsent(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const t = await getTranslations('consent.link');
  const token = tokenSchema.safeParse(formData.get('token'));
  if (!token.success) return errorState({ formError: t('invalid') });
  const client = await getClientInfo();
  const answer = await answerConsentLink({ token: token.data, ip: client.ip, now: new Date() });
  switch (answer.status) {
    case 'kept':
      return { status: 'success', message: t('kept', { days: config.MARKETING_CONSENT_RECONFIRM_DAYS }) };
    case 'stopped':
      return { status: 'success', message: t('stopped', { channel: answer.channel }) };
    case 'invalid':
      return errorState({ formError: t('invalid') });
  }
}
