import 'server-only';
import { headers } from 'next/headers';
import { config } from '@/lib/config';

export type ClientInfo = { ip: string | null; userAgent: string | null };

const USER_AGENT_MAX = 512;

/**
 * Who is asking. Behind a trusted proxy (TRUST_PROXY, on for Vercel) the first X-Forwarded-For hop is
 * the client; otherwise only the hop our own server appended from the socket (the last) can be trusted.
 */
export function clientInfoFrom(headerList: Headers, trustProxy = config.TRUST_PROXY): ClientInfo {
  const forwarded = (headerList.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = (trustProxy ? forwarded[0] : forwarded[forwarded.length - 1]) ?? headerList.get('x-real-ip') ?? null;
  const userAgent = headerList.get('user-agent');
  return { ip: ip ? normaliseIp(ip) : null, userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}

export async function getClientInfo(): Promise<ClientInfo> {
  return clientInfoFrom(await headers());
}

function normaliseIp(ip: string): string {
  const withoutPrefix = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return withoutPrefix.slice(0, 64);
}
