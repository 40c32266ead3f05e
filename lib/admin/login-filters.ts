import type { LoginEventFilter } from '@/db/admin-login-events';
import { type KeysetCursor, decodeCursor } from './keyset-cursor';
import { parseDayRange } from './zoned-time';
import { firstSearchParam } from '@/lib/http/search-param';

// The login log's filters live in the URL (a GET form), so a view can be shared as a link.
// Email: exact match, or a prefix when it ends with "*" (e.g. "kim*" or "*" alone for all).
// Outcome: "success", "failure" or "reason:<reason>". From/To: days in ADMIN_TIMEZONE, both inclusive.

export type SearchParams = Record<string, string | string[] | undefined>;

export type LoginFilterForm = { email: string; ip: string; outcome: string; from: string; to: string };

export type ParsedLoginFilters = {
  form: LoginFilterForm;
  filter: LoginEventFilter;
  before?: KeysetCursor;
  after?: KeysetCursor;
  /** Catalogue keys under admin.logins, per invalid field. */
  errors: Partial<Record<keyof LoginFilterForm, string>>;
};

const REASON = /^[a-z0-9_.:-]{1,64}$/i;

function first(params: SearchParams, key: string): string {
  return firstSearchParam(params[key], 300);
}

export function parseLoginFilters(params: SearchParams, timeZone: string): ParsedLoginFilters {
  const form: LoginFilterForm = {
    email: first(params, 'email'),
    ip: first(params, 'ip'),
    outcome: first(params, 'outcome'),
    from: first(params, 'from'),
    to: first(params, 'to'),
  };
  const filter: LoginEventFilter = {};
  const errors: ParsedLoginFilters['errors'] = {};

  const email = form.email.toLowerCase();
  if (email.endsWith('*')) {
    const prefix = email.slice(0, -1);
    if (prefix) filter.email = { kind: 'prefix', value: prefix };
  } else if (email) {
    filter.email = { kind: 'exact', value: email };
  }

  if (form.ip) filter.ip = form.ip.startsWith('::ffff:') ? form.ip.slice(7) : form.ip;

  if (form.outcome === 'success' || form.outcome === 'failure') filter.outcome = { kind: form.outcome };
  else if (form.outcome.startsWith('reason:') && REASON.test(form.outcome.slice(7))) {
    filter.outcome = { kind: 'reason', reason: form.outcome.slice(7) };
  } else if (form.outcome && form.outcome !== 'any') errors.outcome = 'invalidOutcome';

  const range = parseDayRange(form, timeZone);
  if (range.from) filter.from = range.from;
  if (range.to) filter.to = range.to;
  Object.assign(errors, range.errors);

  return { form, filter, before: decodeCursor(params.before), after: decodeCursor(params.after), errors };
}

/** The query string of a filter form plus extra keys (a cursor, the chart range); empty values left out. */
export function filterQuery(form: Partial<LoginFilterForm> & Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}
