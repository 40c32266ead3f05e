// What the service does with personal data, in one typed place: the table on /privacy, the page
// /account/privacy and the yearly notice of use (개인정보 보호법 제20조의2) all render from here, so
// the policy and the notice cannot drift apart. Pure: no config, no database (mail code uses it too).

export type ProcessingSettings = {
  withdrawalGraceDays: number;
  loginEventDays: number;
  mailRetentionDays: number;
  reconfirmDays: number;
};

type ItemId = 'email' | 'name' | 'phone' | 'password' | 'preferences' | 'loginRecords' | 'consentRecords' | 'mailContent';
type PurposeId = 'account' | 'security' | 'marketing' | 'notices';
type RecipientId = 'resend';

type Purpose = { id: PurposeId; items: readonly ItemId[]; retention: (settings: ProcessingSettings) => Record<string, number> };
type Recipient = { id: RecipientId; items: readonly ItemId[] };

export const processingPurposes: readonly Purpose[] = [
  { id: 'account', items: ['email', 'name', 'phone', 'password', 'preferences'], retention: (s) => ({ days: s.withdrawalGraceDays }) },
  { id: 'security', items: ['email', 'loginRecords'], retention: (s) => ({ days: s.loginEventDays }) },
  { id: 'marketing', items: ['email', 'phone', 'consentRecords'], retention: (s) => ({ days: s.reconfirmDays }) },
  { id: 'notices', items: ['email', 'name', 'mailContent'], retention: (s) => ({ days: s.mailRetentionDays }) },
];

/** Who receives personal data from us, for what, and which items (processors included). */
export const processingRecipients: readonly Recipient[] = [{ id: 'resend', items: ['email', 'name', 'mailContent'] }];

export type ProcessingRow = { purpose: string; items: string; retention: string };
export type RecipientRow = { name: string; purpose: string; items: string };
export type ProcessingTable = { purposes: ProcessingRow[]; recipients: RecipientRow[] };

/** A translator scoped at the `privacyProcessing` messages (next-intl's `t`). */
export type ProcessingTranslate = (key: string, values?: Record<string, string | number>) => string;

/** The table in the reader's language, with the periods in force. */
export function describeProcessing(t: ProcessingTranslate, settings: ProcessingSettings): ProcessingTable {
  const items = (ids: readonly ItemId[]) => ids.map((id) => t(`items.${id}`)).join(t('itemSeparator'));
  return {
    purposes: processingPurposes.map((purpose) => ({
      purpose: t(`purposes.${purpose.id}`),
      items: items(purpose.items),
      retention: t(`retention.${purpose.id}`, purpose.retention(settings)),
    })),
    recipients: processingRecipients.map((recipient) => ({
      name: t(`recipients.${recipient.id}.name`),
      purpose: t(`recipients.${recipient.id}.purpose`),
      items: items(recipient.items),
    })),
  };
}
