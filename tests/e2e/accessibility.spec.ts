// Every page, in English and in Korean, checked by axe-core against WCAG 2.2 A and AA: public pages,
// the sign-in steps, a signed-in person's pages and the admin console. A page that needs a state
// (a withdrawn account's restore offer, the second step of a sign-in) is reached the way a person
// reaches it. Pages that need a link from a mail (/reset-password, /consent, /account/email/confirm)
// are checked as someone sees them when the link is missing or spent.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { testSql } from './fixtures/db';
import { createUser, logIn, submitPassword, type TestUser } from './fixtures/users';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const LANGUAGES = { en: 'en-US,en;q=0.9', ko: 'ko-KR,ko;q=0.9' } as const;
type Language = keyof typeof LANGUAGES;

const PUBLIC_PAGES = [
  '/',
  '/login',
  '/signup',
  '/signup/check-email',
  '/forgot-password',
  '/reset-password',
  '/verify-email/invalid',
  '/verify-email/resend',
  '/verify-email/already-verified',
  '/reactivate',
  '/consent',
  '/terms',
  '/privacy',
  '/no-such-page',
];

const ACCOUNT_PAGES = [
  '/account',
  '/account/activity',
  '/account/connections',
  '/account/email',
  '/account/email/confirm',
  '/account/export',
  '/account/password',
  '/account/phone',
  '/account/privacy',
  '/account/security',
  '/account/sessions',
  '/account/time-zone',
  '/account/withdraw',
];

const ADMIN_PAGES = ['/admin', '/admin/logins', '/admin/users', '/admin/audit', '/admin/mail', '/admin/marketing', '/admin/sweeps'];

async function contextIn(browser: Browser, language: Language): Promise<BrowserContext> {
  return browser.newContext({ locale: language === 'ko' ? 'ko-KR' : 'en-US', extraHTTPHeaders: { 'accept-language': LANGUAGES[language] } });
}

/** axe's violations on the page as it is now, one line each (rule, impact, the first few nodes). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`,
  );
}

/**
 * Visits each path and collects what axe finds, so one run reports every page at once. With
 * `stay`, each page must be the one shown (a redirect to /login or elsewhere would check that page instead).
 */
async function audit(page: Page, paths: string[], language: Language, { stay = false } = {}): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    if (stay) expect(new URL(page.url()).pathname, path).toBe(new URL(path, page.url()).pathname);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const problems = await violations(page);
    if (problems.length) found[`${language} ${path} → ${new URL(page.url()).pathname}`] = problems;
  }
  return found;
}

/** The login helpers speak English; the language cookie then decides every page after them. */
async function inLanguage(context: BrowserContext, page: Page, language: Language): Promise<{ context: BrowserContext; page: Page }> {
  if (language === 'ko') await context.addCookies([{ name: 'locale', value: 'ko', url: page.url() }]);
  return { context, page };
}

async function logInAs(browser: Browser, language: Language, user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextIn(browser, 'en');
  const page = await context.newPage();
  await logIn(page, user);
  return inLanguage(context, page, language);
}

/** The password on /login, then wherever it leads for this account (`landing`). */
async function passwordStep(browser: Browser, language: Language, user: TestUser, landing: RegExp): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextIn(browser, 'en');
  const page = await context.newPage();
  await submitPassword(page, user);
  await page.waitForURL(landing);
  return inLanguage(context, page, language);
}

for (const language of Object.keys(LANGUAGES) as Language[]) {
  test.describe(`WCAG 2.2 AA in ${language === 'en' ? 'English' : 'Korean'}`, () => {
    test('public pages', async ({ browser }) => {
      const context = await contextIn(browser, language);
      const page = await context.newPage();
      expect(await audit(page, PUBLIC_PAGES, language)).toEqual({});
      await context.close();
    });

    test('the sign-in steps: two-step code, recovery code, passkey, and a withdrawn account’s restore offer', async ({ browser }) => {
      const found: Record<string, string[]> = {};
      const twoStep = await createUser({ twoStep: true });
      const { context, page } = await passwordStep(browser, language, twoStep, /\/login\/two-step/);
      Object.assign(found, await audit(page, ['/login/two-step', '/login/two-step?method=recovery', '/login/two-step/passkey'], language, { stay: true }));
      await context.close();

      const withdrawn = await createUser();
      await testSql()`update users set status = 'withdrawn', withdrawn_at = now() where id = ${withdrawn.id}`;
      const restore = await passwordStep(browser, language, withdrawn, /\/account\/restore$/);
      Object.assign(found, await audit(restore.page, ['/account/restore'], language, { stay: true }));
      await restore.context.close();
      expect(found).toEqual({});
    });

    test('a signed-in person’s pages', async ({ browser }) => {
      const user = await createUser();
      const { context, page } = await logInAs(browser, language, user);
      expect(await audit(page, ACCOUNT_PAGES, language, { stay: true })).toEqual({});
      await context.close();
    });

    test('the admin console', async ({ browser }) => {
      const admin = await createUser({ role: 'admin' });
      const someone = await createUser();
      const { context, page } = await logInAs(browser, language, admin);
      expect(await audit(page, [...ADMIN_PAGES, `/admin/users/${someone.id}`, '/admin/no-such-page'], language, { stay: true })).toEqual({});
      await context.close();
    });
  });
}
