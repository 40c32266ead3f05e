import { Body, Button, Container, Head, Heading, Hr, Html, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

type FrameCopy = { preview: string; heading: string; greeting: string; signature: string; reason: string; automated: string };

const colors = { text: '#1f2933', muted: '#616e7c', accent: '#1d4ed8', line: '#e4e7eb', page: '#f5f7fa' };

/**
 * The frame of every mail: product name, heading, greeting, the template's body, signature, and a
 * footer saying why the person got it.
 */
export function MailLayout({ locale, appName, copy, children }: { locale: string; appName: string; copy: FrameCopy; children: ReactNode }) {
  return (
    <Html lang={locale}>
      <Head />
      <PreviewText>{copy.preview}</PreviewText>
      <Body style={{ backgroundColor: colors.page, color: colors.text, fontFamily: 'Helvetica, Arial, "Apple SD Gothic Neo", "Malgun Gothic", sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', margin: '24px auto', maxWidth: '560px', padding: '32px' }}>
          <Text style={{ color: colors.accent, fontSize: '14px', fontWeight: 700, margin: 0 }}>{appName}</Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', margin: '16px 0' }}>
            {copy.heading}
          </Heading>
          <MailText>{copy.greeting}</MailText>
          {children}
          <MailText>{copy.signature}</MailText>
          <Hr style={{ borderColor: colors.line, margin: '24px 0' }} />
          <Text style={{ color: colors.muted, fontSize: '12px', lineHeight: '18px', margin: '0 0 8px' }}>{copy.reason}</Text>
          <Text style={{ color: colors.muted, fontSize: '12px', lineHeight: '18px', margin: 0 }}>{copy.automated}</Text>
        </Container>
      </Body>
    </Html>
  );
}

// The inbox preview line. react-email's <Preview> pads to a length that depends on the text; this
// pads by a fixed amount, so a mail renders the same whatever the length (see lib/mail/render.ts).
function PreviewText({ children }: { children: string }) {
  return (
    <div data-skip-in-text style={{ display: 'none', overflow: 'hidden', lineHeight: '1px', opacity: 0, maxHeight: 0, maxWidth: 0 }}>
      {children}
      <div>{'\u00a0\u200c'.repeat(90)}</div>
    </div>
  );
}

export function MailText({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={{ color: muted ? colors.muted : colors.text, fontSize: '15px', lineHeight: '24px', margin: '0 0 16px' }}>{children}</Text>;
}

export function MailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button
        href={href}
        style={{ backgroundColor: colors.accent, borderRadius: '6px', color: '#ffffff', fontSize: '15px', fontWeight: 600, padding: '12px 20px', textDecoration: 'none' }}
      >
        {children}
      </Button>
    </Section>
  );
}

export function MailCode({ children }: { children: string }) {
  return (
    <Text
      style={{ backgroundColor: colors.page, borderRadius: '6px', fontFamily: 'Menlo, Consolas, monospace', fontSize: '28px', fontWeight: 700, letterSpacing: '6px', margin: '8px 0 24px', padding: '16px', textAlign: 'center' }}
    >
      {children}
    </Text>
  );
}
