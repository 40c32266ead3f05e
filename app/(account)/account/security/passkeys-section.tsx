import { getTranslations } from 'next-intl/server';

// STUB (issue 15 contract): engineer B's passkeys branch replaces this file (add, list, rename, remove).
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a stub: B's section uses the props
export async function PasskeysSection(_props: { userId: string; locale: string; fresh: boolean }) {
  const t = await getTranslations('security');
  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t('passkeysTitle')}</h2>
      <p className="muted">{t('noPasskeys')}</p>
    </section>
  );
}
