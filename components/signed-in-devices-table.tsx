import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DataTable, nowrap } from '@/components/data-table';
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
  const nameOf = (device: DeviceRow) => t('deviceName', { browser: device.browser ?? t('unknownBrowser'), os: device.os ?? t('unknownOs') });
  return (
    <DataTable
      rows={devices}
      rowKey={(device) => device.id}
      empty={t('none')}
      emptyClassName="muted"
      columns={[
        { header: t('device'), cell: nameOf, title: (device) => device.userAgent ?? undefined },
        { header: t('ip'), cell: (device) => device.ip ?? '—' },
        { header: t('method'), cell: (device) => sessionMethodLabel(device.method, t) },
        { header: t('signedIn'), cell: (device) => formatDate(device.signedInAt), className: nowrap },
        { header: t('lastActive'), cell: (device) => formatDate(device.lastActiveAt), className: nowrap },
        { header: t('actions'), cell: (device) => action(device, nameOf(device)) },
      ]}
    />
  );
}
