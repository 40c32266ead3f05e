'use server';

import { z } from 'zod';
import { formAction } from '@/lib/actions/form-action';
import { answerConsentLink } from '@/lib/consent/answer-consent-link';
import { config } from '@/lib/config';
import { errorState } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';

// No session here on purpose: the signed token from the reconfirmation mail is the authority, and it
// does one thing (keep or stop one channel) for one period.

const tokenSchema = z.string().min(1).max(300);

/** The confirming click on /consent: keep or stop, as the link says. */
export const answerConsent = formAction(
  { audience: 'visitor', schema: tokenSchema, input: (formData) => formData.get('token'), invalid: ({ t }) => errorState({ formError: t('consent.link.invalid') }) },
  async ({ input: token, t }) => {
    const client = await getClientInfo();
    const answer = await answerConsentLink({ token, ip: client.ip, now: new Date() });
    switch (answer.status) {
      case 'kept':
        return { status: 'success', message: t('consent.link.kept', { days: config.MARKETING_CONSENT_RECONFIRM_DAYS }) };
      case 'stopped':
        return { status: 'success', message: t('consent.link.stopped', { channel: answer.channel }) };
      case 'invalid':
        return errorState({ formError: t('consent.link.invalid') });
    }
  },
);
