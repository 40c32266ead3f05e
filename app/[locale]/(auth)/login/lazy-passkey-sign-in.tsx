'use client';

import dynamic from 'next/dynamic';

// The passkey button and the autofill appear only after hydration anyway (passkey-sign-in.tsx), so
// their code, @simplewebauthn/browser with it, loads then too: not part of /login's first-load
// JavaScript (about 6 KB gzip), which a visitor signing in with a password never needs.
export const LazyPasskeySignIn = dynamic(() => import('./passkey-sign-in').then((module) => module.PasskeySignIn), { ssr: false });
