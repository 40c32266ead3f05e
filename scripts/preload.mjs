// For scripts run outside Next (tsx): `server-only` guards modules against client bundles;
// in a plain Node process there is no client, so it resolves to an empty module.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) {' +
        ' if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };' +
        ' return next(specifier, context); }',
    ),
);
