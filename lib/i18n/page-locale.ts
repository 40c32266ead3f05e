import 'server-only';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { isLocale } from './locale';

/**
 * The locale of a page under app/[locale] (the segment proxy.ts rewrote the request to), told to
 * next-intl so that its server APIs need no request headers and the page can be prerendered. Every
 * layout and page under [locale] calls it first; an unknown segment is a 404.
 */
export async function setPageLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return locale;
}

/** The props of every page and layout under app/[locale] (their other params and searchParams aside). */
export type LocaleParams = { params: Promise<{ locale: string }> };
