// /account/restore: where a withdrawn person lands after logging in with the right password before
// the deletion date (the login action set the `restore` cookie). Restore, or keep it closed.
import type { Metadata } from 'next';
import Link from 'next/link';
import { cookies } from 'next/headers';
import { getFormatter, getTranslations } from 'next-intl/server';
import { findRestoreOffer } from '@/lib/account/restore-account';
import { RESTORE_COOKIE } from '@/lib/auth/restore-ticket';
import { RestoreForms } from './restore-forms';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account.restore');
  return { title: t('title') };
}

async function RestorePage({ params }: LocaleParams) {
  await setPageLocale(params);
  const [t, format, cookieStore] = await Promise.all([getTranslations('account.restore'), getFormatter(), cookies()]);
  const offer = await findRestoreOffer(cookieStore.get(RESTORE_COOKIE)?.value ?? '', new Date());
  return (
    <section>
      <h1>{t('title')}</h1>
      {offer ? (
        <>
          <p>{t('scheduled', { date: format.dateTime(offer.deletionDate, { dateStyle: 'long' }) })}</p>
          <p>{t('explain')}</p>
          <RestoreForms />
        </>
      ) : (
        <>
          <div role="alert" className="notice error">
            {t('unavailable')}
          </div>
          <p>
            <Link prefetch={false} href="/login">{t('logInAgain')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export default withAreaMessages('account/restore', RestorePage);
