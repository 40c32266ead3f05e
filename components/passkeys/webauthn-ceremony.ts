import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

// The browser half of every passkey ceremony: ask the server for options, let the browser talk to
// the authenticator, hand back the answer as JSON text for a form field. Outcomes, never throws.

export type OptionsResult<T> = { status: 'ok'; options: T } | { status: 'error'; message: string };
export type CeremonyResult = { status: 'ok'; response: string } | { status: 'cancelled' } | { status: 'failed'; message?: string };

function failure(error: unknown): CeremonyResult {
  // NotAllowedError: the person closed the prompt, or it timed out. AbortError: another ceremony took over.
  const name = error instanceof Error ? error.name : '';
  return name === 'NotAllowedError' || name === 'AbortError' ? { status: 'cancelled' } : { status: 'failed' };
}

export async function runAssertion(
  getOptions: (form: FormData) => Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>>,
  options: { autofill?: boolean } = {},
): Promise<CeremonyResult> {
  try {
    const result = await getOptions(new FormData());
    if (result.status !== 'ok') return { status: 'failed', message: result.message };
    const response = await startAuthentication({ optionsJSON: result.options, useBrowserAutofill: options.autofill ?? false });
    return { status: 'ok', response: JSON.stringify(response) };
  } catch (error) {
    return failure(error);
  }
}

export async function runRegistration(
  getOptions: (form: FormData) => Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>>,
): Promise<CeremonyResult> {
  try {
    const result = await getOptions(new FormData());
    if (result.status !== 'ok') return { status: 'failed', message: result.message };
    const response = await startRegistration({ optionsJSON: result.options });
    return { status: 'ok', response: JSON.stringify(response) };
  } catch (error) {
    return failure(error);
  }
}
