import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { describeProcessing, type ProcessingTranslate } from '@/lib/privacy/processing';
import { processingSettingsOf } from '@/lib/privacy/settings';

/** The processing table of lib/privacy/processing.ts, as /privacy and /account/privacy show it. */
export async function ProcessingTable() {
  const [t, translate] = await Promise.all([getTranslations('consent.table'), getTranslations('privacyProcessing')]);
  const table = describeProcessing(translate as unknown as ProcessingTranslate, processingSettingsOf(config));
  return (
    <>
      <table>
        <caption>{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('purpose')}</th>
            <th scope="col">{t('items')}</th>
            <th scope="col">{t('retention')}</th>
          </tr>
        </thead>
        <tbody>
          {table.purposes.map((row) => (
            <tr key={row.purpose}>
              <td>{row.purpose}</td>
              <td>{row.items}</td>
              <td>{row.retention}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t('recipientsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('recipient')}</th>
            <th scope="col">{t('recipientPurpose')}</th>
            <th scope="col">{t('items')}</th>
          </tr>
        </thead>
        <tbody>
          {table.recipients.map((row) => (
            <tr key={row.name}>
              <td>{row.name}</td>
              <td>{row.purpose}</td>
              <td>{row.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
