import 'server-only';
import QRCode from 'qrcode';
import { config } from '@/lib/config';
import { totpUri } from './totp';

/** The set-up QR code as an SVG (rendered on the server) of the otpauth:// URI: the app's name and the person's address. */
export async function setupQrSvg(secret: string, accountName: string): Promise<string> {
  return QRCode.toString(totpUri(secret, config.APP_NAME, accountName), { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
