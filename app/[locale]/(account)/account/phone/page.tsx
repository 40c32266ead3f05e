// /account/phone: the person's phone number. Send code texts a 6-digit code to the number typed;
// Verify makes it the account's verified number; Remove number clears it and SMS consent.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { findPhoneCodeState } from '@/lib/phone/phone-code-state';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { formatPhone } from '@/lib/validation/phone';
import { RemovePhoneForm, SendCodeForm, VerifyCodeForm } from './phone-forms';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('phone');
  return { title: t('title') };
}

async function PhonePage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await setPageLocale(segment);
  const user = await requireUser('/account/phone');
  const [t, format, params] = await Promise.all([getTranslations('phone'), getFormatter(), searchParams]);
  const now = new Date();
  const codeState = await findPhoneCodeState(user.id, now);
  const nextSendAt = codeState.nextSendAt ? format.dateTime(codeState.nextSendAt, { hour: 'numeric', minute: '2-digit', second: '2-digit' }) : null;
  return (
    <section>
      <h1>{t('title')}</h1>
      {params.removed && !user.phone ? (
        <div role="status" className="notice success">
          {t('removed')}
        </div>
      ) : null}
      <h2>{t('current')}</h2>
      {user.phone ? (
        <p>
          {formatPhone(user.phone, config.DEFAULT_PHONE_REGION)} <span className="badge">{user.phoneVerifiedAt ? t('verified') : t('unverified')}</span>
        </p>
      ) : (
        <p>{t('none')}</p>
      )}
      {user.phone ? <RemovePhoneForm /> : null}
      <h2>{t('sendCode')}</h2>
      <p>{t('intro', { minutes: config.PHONE_CODE_TTL_MINUTES })}</p>
      <SendCodeForm phone={codeState.pendingPhone ?? ''} nextSendAt={nextSendAt} />
      <VerifyCodeForm pending={Boolean(codeState.pendingPhone)} />
    </section>
  );
}

export default withAreaMessages('account/phone', PhonePage);
