import { describe, expect, it } from 'vitest';
import { refuseMalformedActionPost } from '@/lib/http/action-request';

const HOST = 'app.example';
const hex40 = 'ab'.repeat(20);
// The first byte of an action id says which parameters the action uses (next/dist/shared/lib/server-reference-info).
const twoParameters = `60${hex40}`; // (previous, formData), written out
const built = `7f${hex40}`; // built by a call (formAction): every argument and more

/** A form posted without JavaScript through useActionState: the previous state bound before the form. */
function noScriptPost(id: string, bound: unknown[]): Request {
  const body = new FormData();
  body.set('$ACTION_REF_1', '');
  body.set('$ACTION_1:0', JSON.stringify({ id, bound: '$@1' }));
  body.set('$ACTION_1:1', JSON.stringify(bound));
  body.set('email', 'a@example.com');
  return new Request(`https://${HOST}/login`, { method: 'POST', body, headers: { origin: `https://${HOST}` } });
}

/** A fetch action: field "0" holds the argument list, "$K1" the form. */
function fetchPost(id: string, args: unknown[]): Request {
  const body = new FormData();
  body.set('0', JSON.stringify(args));
  body.set('1_email', 'a@example.com');
  return new Request(`https://${HOST}/login`, { method: 'POST', body, headers: { origin: `https://${HOST}`, 'next-action': id } });
}

describe('refuseMalformedActionPost', () => {
  it('lets through the previous state and the form, for an action written out and one built by formAction', async () => {
    for (const id of [twoParameters, built]) {
      expect(await refuseMalformedActionPost(noScriptPost(id, [{ status: 'idle' }]), HOST)).toBeNull();
      expect(await refuseMalformedActionPost(fetchPost(id, [{ status: 'idle' }, '$K1']), HOST)).toBeNull();
    }
  });

  it('refuses a form where a formAction action expects the previous state', async () => {
    expect(await refuseMalformedActionPost(noScriptPost(built, []), HOST)).toMatchObject({ status: 400 });
    expect(await refuseMalformedActionPost(fetchPost(built, ['$K1']), HOST)).toMatchObject({ status: 400 });
    expect(await refuseMalformedActionPost(fetchPost(built, [{ status: 'idle' }, 'not a form']), HOST)).toMatchObject({ status: 400 });
  });
});
