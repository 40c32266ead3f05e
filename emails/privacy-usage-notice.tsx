import { Column, Row, Section } from '@react-email/components';
import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

const cell = { fontSize: '13px', lineHeight: '20px', padding: '6px 8px 6px 0', verticalAlign: 'top' } as const;
const head = { ...cell, fontWeight: 700 } as const;

// The yearly notice of use (개인정보 보호법 제20조의2); the table comes from lib/privacy/processing.ts.
export default function PrivacyUsageNotice({ locale, appName, copy, pageUrl, processing }: TemplateProps<'privacy-usage-notice'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <Section>
        <Row>
          <Column style={head}>{copy.purposeHeader}</Column>
          <Column style={head}>{copy.itemsHeader}</Column>
          <Column style={head}>{copy.retentionHeader}</Column>
        </Row>
        {processing.purposes.map((row) => (
          <Row key={row.purpose}>
            <Column style={cell}>{row.purpose}</Column>
            <Column style={cell}>{row.items}</Column>
            <Column style={cell}>{row.retention}</Column>
          </Row>
        ))}
      </Section>
      <MailText>{copy.recipientsTitle}</MailText>
      <Section>
        <Row>
          <Column style={head}>{copy.recipientHeader}</Column>
          <Column style={head}>{copy.purposeHeader}</Column>
          <Column style={head}>{copy.itemsHeader}</Column>
        </Row>
        {processing.recipients.map((row) => (
          <Row key={row.name}>
            <Column style={cell}>{row.name}</Column>
            <Column style={cell}>{row.purpose}</Column>
            <Column style={cell}>{row.items}</Column>
          </Row>
        ))}
      </Section>
      <MailText>{copy.lookUp}</MailText>
      <MailButton href={pageUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

PrivacyUsageNotice.PreviewProps = previewProps('privacy-usage-notice', {
  name: 'Mina Park',
  operatorName: 'Lifecycle Inc.',
  pageUrl: `${previewOrigin}/account/privacy`,
  settings: { withdrawalGraceDays: 60, loginEventDays: 365, mailRetentionDays: 30, reconfirmDays: 730 },
});
