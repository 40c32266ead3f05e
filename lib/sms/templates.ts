// Every SMS the product sends, with the props its text needs.
export type SmsProps = {
  'phone-code': { code: string; expiresAt: string };
};

export type SmsTemplate = keyof SmsProps;

export const smsTemplates = ['phone-code'] as const satisfies readonly SmsTemplate[];
