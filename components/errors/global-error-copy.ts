// The copy of app/global-error.tsx, which renders when the root layout failed: no next-intl provider
// above it, and importing a catalogue here would put all of it into every page's JavaScript (the
// root error boundary loads with the app). So these few strings are copied from `errors.*` of
// messages/en.json and messages/ko.json; tests/unit/i18n-catalogues.test.ts keeps them equal.
export const GLOBAL_ERROR_COPY = {
  en: {
    title: 'Something went wrong',
    body: 'We could not finish that. Please try again in a moment.',
    reference: 'If it keeps happening, tell us this reference: {reference}',
    tryAgain: 'Try again',
  },
  ko: {
    title: '문제가 발생했어요',
    body: '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
    reference: '문제가 계속되면 이 참조 번호를 알려 주세요: {reference}',
    tryAgain: '다시 시도',
  },
} as const;
