'use client';

// The document's layout itself failed (app/[locale]/layout.tsx: next-intl's configuration reads the
// signed-in person's time zone, so the database may be down): neither its styles nor next-intl's
// provider nor the person's locale are there. The page says it in both languages.
import type { ErrorPageProps } from '@/components/errors/error-page';
import { GLOBAL_ERROR_COPY } from '@/components/errors/global-error-copy';
import { errorReference } from '@/lib/forms/action-state';

export default function GlobalError({ error, retry }: ErrorPageProps) {
  const reference = errorReference(error);
  return (
    <html lang="en">
      <body>
        <main id="content">
          {Object.entries(GLOBAL_ERROR_COPY).map(([lang, copy]) => (
            <section key={lang} lang={lang}>
              <h1>{copy.title}</h1>
              <p>{copy.body}</p>
              {reference ? <p>{copy.reference.replace('{reference}', reference)}</p> : null}
              <button type="button" onClick={() => retry()}>
                {copy.tryAgain}
              </button>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
