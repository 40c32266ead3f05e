import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { GLOBAL_ERROR_COPY } from '@/components/errors/global-error-copy';
import { CLIENT_NAMESPACES, type ClientArea, pickClientMessages } from '@/lib/i18n/client-messages';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(name, value);
    else for (const [k, v] of flatten(value, name)) entries.set(k, v);
  }
  return entries;
}

/** Names of ICU arguments in a message: {name}, {count, plural, ...}. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((match) => match[1]))].sort();
}

describe('message catalogues', () => {
  const english = flatten(en as Catalogue);
  const korean = flatten(ko as Catalogue);

  it('have the same keys in English and Korean', () => {
    const missingInKorean = [...english.keys()].filter((key) => !korean.has(key));
    const missingInEnglish = [...korean.keys()].filter((key) => !english.has(key));
    expect({ missingInKorean, missingInEnglish }).toEqual({ missingInKorean: [], missingInEnglish: [] });
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...english.entries()]
      .filter(([key, message]) => korean.has(key) && argumentsOf(message).join() !== argumentsOf(korean.get(key)!).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('are what the root error page (which cannot load them) shows', () => {
    for (const [locale, catalogue] of [['en', english], ['ko', korean]] as const) {
      for (const [key, text] of Object.entries(GLOBAL_ERROR_COPY[locale])) expect(text, `${locale} errors.${key}`).toBe(catalogue.get(`errors.${key}`));
    }
  });

  it('have no empty messages', () => {
    const empty = [...english.entries(), ...korean.entries()].filter(([, message]) => !message.trim()).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('leave a branch empty (a line that may come out as nothing) only in mail copy', () => {
    // The build's precompiled formatter gives such a result as an empty list, which t() refuses:
    // only lib/mail/copy.ts reads its messages in a way that takes it (rich()).
    const withEmptyBranch = [...english.entries(), ...korean.entries()].filter(([, message]) => /\{\s*\}/.test(message)).map(([key]) => key);
    expect(withEmptyBranch.length).toBeGreaterThan(0);
    expect(withEmptyBranch.filter((key) => !key.startsWith('emails.'))).toEqual([]);
  });
});

// Attributes a person reads or hears; their values must come from the catalogues.
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label', 'aria-description']);
const SCANNED_FOLDERS = ['app', 'components', 'emails'];

function sourceFiles(folder: string): string[] {
  const root = path.join(process.cwd(), folder);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) return sourceFiles(path.join(folder, name));
    return /\.tsx$/.test(name) ? [full] : [];
  });
}

/** Literal text in JSX (or in visible attributes) that contains a letter: it bypassed the catalogues. */
function literalStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const hasLetter = (text: string) => /\p{L}/u.test(text);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetter(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && hasLetter(init.text)) found.push(`${node.name.getText()}="${init.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && hasLetter(node.expression.text)) {
      found.push(node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('components', () => {
  it('render no user-facing literal strings outside the catalogues', () => {
    const offenders = SCANNED_FOLDERS.flatMap(sourceFiles)
      .map((file) => ({ file: path.relative(process.cwd(), file), literals: literalStrings(file) }))
      .filter((entry) => entry.literals.length);
    expect(offenders).toEqual([]);
  });

  it('the scan catches a literal when there is one', () => {
    const probe = path.join(process.cwd(), 'tests/unit/fixtures/literal-probe.tsx');
    expect(literalStrings(probe)).toEqual(['Hello there', 'aria-label="Close dialog"', 'Inline literal']);
  });
});

/** Namespaces a client component passes to useTranslations as a literal (or a union of literals in its props). */
function clientNamespaces(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (!/^['"]use client['"]/m.test(text)) return [];
  const literals = [...text.matchAll(/useTranslations\(\s*'([^']+)'\s*\)/g)].map((match) => match[1]);
  // A namespace chosen by a prop is typed as a union of literals: `messages: 'auth.forgot' | 'auth.resend'`.
  const typed = [...text.matchAll(/:\s*((?:'[a-z][\w.]*'\s*\|?\s*)+);/gi)].flatMap((match) => [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
  return [...literals, ...typed.filter((name) => name.includes('.'))];
}

describe('messages sent to the browser', () => {
  const files = SCANNED_FOLDERS.flatMap(sourceFiles);
  const areas = Object.keys(CLIENT_NAMESPACES).filter((area): area is ClientArea => area !== 'everywhere');
  const ROUTE_FILE = /[\\/](page|layout|error|not-found|loading|template|default)\.tsx$/;

  /** The area a page or layout of app/ gives what it renders (<AreaMessages area="…">, withAreaMessages('…', Page)), if it does. */
  function declaredArea(file: string): ClientArea | undefined {
    const text = readFileSync(file, 'utf8');
    const name = (/<AreaMessages\s+area="([^"]+)"/.exec(text) ?? /withAreaMessages\('([^']+)'/.exec(text))?.[1];
    if (name === undefined) return undefined;
    if (!areas.includes(name as ClientArea)) throw new Error(`${file}: there is no client-message area "${name}"`);
    return name as ClientArea;
  }

  /** The area its route group's layout declares (app/[locale]/(auth)/layout.tsx for a file under (auth)), if any. */
  function groupArea(file: string): ClientArea | undefined {
    const group = /[\\/]\([a-z-]+\)(?=[\\/])/.exec(file);
    if (!group) return undefined;
    const layout = path.join(file.slice(0, group.index + group[0].length), 'layout.tsx');
    return existsSync(layout) ? declaredArea(layout) : undefined;
  }

  /**
   * Where a file's client code renders: the area of the page (or layout) that renders it, which is the
   * page's own AreaMessages or else its route group's; for any other file, every place that imports it.
   */
  function placesRendering(file: string, seen: Set<string> = new Set([file])): Array<ClientArea | undefined> {
    if (file.includes(`${path.sep}app${path.sep}`)) {
      const own = declaredArea(file);
      if (own) return [own];
      if (ROUTE_FILE.test(file)) return [groupArea(file)];
    }
    const name = path.basename(file).replace(/\.tsx?$/, '');
    const importers = files.filter((other) => !seen.has(other) && new RegExp(`/${name}['"]`).test(readFileSync(other, 'utf8')));
    for (const importer of importers) seen.add(importer);
    return importers.flatMap((importer) => placesRendering(importer, seen));
  }

  const covers = (prefixes: readonly string[], namespace: string) => prefixes.some((prefix) => namespace === prefix || namespace.startsWith(`${prefix}.`));
  const coveredIn = (place: ClientArea | undefined, namespace: string) =>
    covers(CLIENT_NAMESPACES.everywhere, namespace) || (place !== undefined && covers(CLIENT_NAMESPACES[place], namespace));

  it('include every namespace a client component translates with, on every page that renders it', () => {
    const used = files.flatMap((file) => clientNamespaces(file).map((namespace) => ({ file: path.relative(process.cwd(), file), namespace, places: placesRendering(file) })));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((entry) => !entry.places.length || entry.places.some((place) => !coveredIn(place, entry.namespace)))).toEqual([]);
  });

  it('finds where a shared component renders through the components that import it', () => {
    const file = (relative: string) => path.join(process.cwd(), relative);
    expect(placesRendering(file('components/connected-accounts.tsx'))).toEqual(['account/connections']);
    // Through a server component of app/ (step-up-options) that pages render, some of them through
    // another (fresh-sign-in-prompt): each page's own area.
    expect(placesRendering(file('app/[locale]/(account)/account/step-up-code-form.tsx')).sort()).toEqual([
      'account/connections/reauthenticate',
      'account/email',
      'account/export',
      'account/password',
      'account/security',
      'account/withdraw',
    ]);
    expect(placesRendering(file('app/[locale]/(auth)/login/login-form.tsx'))).toEqual(['auth']);
    // The footer's switcher renders on every page, outside any group: the page shell (drawn by the
    // [locale] layout, app/dev's layout and the root not-found) imports the footer.
    expect(placesRendering(file('components/locale-switcher.tsx'))).toEqual([undefined, undefined, undefined]);
  });

  it('leave out the server-only parts of the catalogue, and the parts of other areas', () => {
    expect(Object.keys(pickClientMessages(en)).sort()).toEqual(['common', 'errors']);
    // /account carries its own forms' messages, not those of the other account pages' forms.
    const account = pickClientMessages(en, 'account');
    expect(Object.keys(account).sort()).toEqual(['account', 'common', 'errors', 'notificationsSms']);
    expect(Object.keys(account.account as object).sort()).toEqual(['notifications', 'pendingEmail', 'profile']);
    const security = pickClientMessages(en, 'account/security');
    expect(Object.keys(security).sort()).toEqual(['common', 'errors', 'passkeys', 'security']);
    expect(Object.keys(security.passkeys as object)).toEqual(['add', 'remove', 'stepUp']);
    expect(Object.keys(pickClientMessages(en, 'account/connections').social as object)).toEqual(['connections']);
    const auth = pickClientMessages(en, 'auth');
    expect(Object.keys(auth).sort()).toEqual(['auth', 'common', 'errors', 'passkeys', 'reactivate', 'twoStep']);
    expect((auth.auth as Catalogue).login).toEqual((en as Catalogue).auth && ((en as Catalogue).auth as Catalogue).login);
    expect(Object.keys(pickClientMessages(en, 'admin').admin as object)).toEqual(['nav']);
    // What a public page outside the groups carries (/, /terms, /privacy): a small part of the catalogue.
    expect(JSON.stringify(pickClientMessages(en)).length).toBeLessThan(JSON.stringify(en).length / 20);
  });
});
