import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { DeviceRow } from '@/lib/sessions/list-sessions';
import { sessionMethodLabel } from '@/lib/sessions/method-label';

type SignedInDevicesTableProps = {
  devices: DeviceRow[];
  /** Dates as the page shows them (the person's zone on /account, ADMIN_TIMEZONE in the console). */
  formatDate: (date: Date) => string;
  /** The last cell of a row: "This device", or a Sign out form. */
  action: (device: DeviceRow, name: string) => ReactNode;
};

/** The live sessions of an account, one row each: device, IP, how it signed in, when, and an action. */
export async function SignedInDevicesTable({ devices, formatDate, action }: SignedInDevicesTableProps) {
  const t = await getTranslations('sessions.devices');
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('device')}</th>
          <th scope="col">{t('ip')}</th>
          <th scope="col">{t('method')}</th>
          <th scope="col">{t('signedIn')}</th>
          <th scope="col">{t('lastActive')}</th>
          <th scope="col">{t('actions')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => {
          const name = t('deviceName', { browser: device.browser ?? t('unknownBrowser'), os: device.os ?? t('unknownOs') });
          return (
            <tr key={device.id}>
              <td title={device.userAgent ?? undefined}>{name}</td>
              <td>{device.ip ?? '—'}</td>
              <td>{sessionMethodLabel(device.method, t)}</td>
              <td className="nowrap">{formatDate(device.signedInAt)}</td>
              <td className="nowrap">{formatDate(device.lastActiveAt)}</td>
              <td>{action(device, name)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
