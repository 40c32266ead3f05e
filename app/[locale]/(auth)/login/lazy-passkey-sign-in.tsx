'use client';

import dynamic from 'next/dynamic';

// The passkey button and the autofill appear only after hydration anyway (passkey-sign-in.tsx), so
// their code, @simplewebauthn/browser with it, loads then too: not part of /login's first-load
// JavaScript (1.9 KB gzip less, net of next/dynamic's loader), which a password sign-in never needs.
export const LazyPasskeySignIn = dynamic(() => import('./passkey-sign-in').then((module) => module.PasskeySignIn), { ssr: false });
