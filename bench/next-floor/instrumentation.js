// Nothing to start; without this file Next would take the repository's instrumentation.ts.
export function register() {}
