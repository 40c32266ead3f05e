'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { logOut } from '@/app/actions';
import { SIGNED_IN_HINT_COOKIE, type SignedInAnswer } from '@/lib/auth/signed-in-hint';

export type HeaderPerson = Pick<Extract<SignedInAnswer, { signedIn: true }>, 'name' | 'role'>;

const CHANGED_EVENT = 'lifecycle:signed-in-changed';

/** Tells the header that what it shows changed without a navigation (the profile's name was saved). */
export function announceSignedInChange(): void {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

function hasSignedInHint(): boolean {
  return document.cookie.split(';').some((part) => part.trim().startsWith(`${SIGNED_IN_HINT_COOKIE}=`));
}

/**
 * The header's links. The HTML (the same for everyone, so pages can be prerendered) has Sign up and
 * Log in; in a browser with the signed-in hint they give way to the person's name, Account, Admin
 * and Log out, as /api/signed-in describes them, asked again after each navigation and each
 * announceSignedInChange. While that answer is on its way the links are hidden. A page that knows
 * who is signed in (`known`, the signed-in areas) has them in its HTML, and asks only after a change.
 */
export function HeaderLinks({ known }: { known?: HeaderPerson | null }) {
  const t = useTranslations('common');
  const [asked, setAsked] = useState<HeaderPerson | 'asking' | null>(null);
  // The layout stays mounted from page to page: a sign-in or Log out is a navigation, so each one asks again.
  const pathname = usePathname();
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    const changed = () => setChanges((count) => count + 1);
    window.addEventListener(CHANGED_EVENT, changed);
    return () => window.removeEventListener(CHANGED_EVENT, changed);
  }, []);

  useEffect(() => {
    // The server's answer holds until something changes here (a name saved; Log out leaves the area).
    if (known !== undefined && changes === 0) return;
    const controller = new AbortController();
    // The hint is only readable in the browser, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAsked(hasSignedInHint() ? 'asking' : null);
    if (!hasSignedInHint()) return;
    fetch('/api/signed-in', { cache: 'no-store', signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<SignedInAnswer>) : { signedIn: false as const }))
      .then((answer) => setAsked(answer.signedIn ? answer : null))
      .catch(() => {
        if (!controller.signal.aborted) setAsked(null);
      });
    return () => controller.abort();
  }, [pathname, changes, known]);
  const person = known !== undefined && changes === 0 ? known : asked;

  return (
    <nav aria-label={t('mainNavigation')} aria-busy={person === 'asking' || undefined}>
      {person === 'asking' ? null : person ? (
        <>
          <span className="muted">{person.name}</span>
          <Link prefetch={false} href="/account">{t('account')}</Link>
          {person.role === 'admin' ? <Link prefetch={false} href="/admin">{t('admin')}</Link> : null}
          <form action={logOut}>
            <LogOutButton label={t('logOut')} onDone={announceSignedInChange} />
          </form>
        </>
      ) : (
        <>
          <Link prefetch={false} href="/signup">{t('signUp')}</Link>
          <Link prefetch={false} href="/login">{t('logIn')}</Link>
        </>
      )}
    </nav>
  );
}

/** Log out's button; once the post is done it has the header ask again (from the home page, Log out leads to the same URL). */
function LogOutButton({ label, onDone }: { label: string; onDone: () => void }) {
  const { pending } = useFormStatus();
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) onDone();
    wasPending.current = pending;
  }, [pending, onDone]);
  return (
    <button type="submit" className="secondary" disabled={pending}>
      {label}
    </button>
  );
}
