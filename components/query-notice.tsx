'use client';

import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { safeReturnPath } from '@/lib/http/return-path';

// What a prerendered page shows by its query string (the HTML is the same whatever the query): read
// in the browser, after hydration. Each piece sits in its own Suspense boundary, so only it waits for
// the query and the rest of the page is in the HTML. Without JavaScript these never show.

/** A notice shown when `param` is in the query (with `value`, when given). */
export type QueryNoticeRule = { param: string; value?: string; message: string };

function FoundNotice({ rules, role }: { rules: QueryNoticeRule[]; role: 'status' | 'alert' }) {
  const query = useSearchParams();
  const rule = rules.find(({ param, value }) => (value === undefined ? !!query.get(param) : query.get(param) === value));
  if (!rule) return null;
  return (
    <div role={role} className={role === 'alert' ? 'notice error' : 'notice success'}>
      {rule.message}
    </div>
  );
}

/** The first rule's message whose parameter the query has, as a status (or an alert); nothing otherwise. */
export function QueryNotice({ rules, role = 'status' }: { rules: QueryNoticeRule[]; role?: 'status' | 'alert' }) {
  return (
    <Suspense fallback={null}>
      <FoundNotice rules={rules} role={role} />
    </Suspense>
  );
}

function FoundReturnPath({ name }: { name: string }) {
  const path = safeReturnPath(useSearchParams().get(name));
  return path ? <input type="hidden" name={name} value={path} /> : null;
}

/** A hidden input carrying the query's return path (`callbackUrl`) into a form, when it is a safe one. */
export function ReturnPathInput({ name = 'callbackUrl' }: { name?: string }) {
  return (
    <Suspense fallback={null}>
      <FoundReturnPath name={name} />
    </Suspense>
  );
}
