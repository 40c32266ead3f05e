import 'server-only';
import { after } from 'next/server';

/** Hands a task to run once the response is sent. */
export type Defer = (task: () => Promise<void>) => void;

/**
 * Runs an action's body with a `defer` whose tasks reach next/server's after() only once the body
 * has ended (returned, redirected or thrown). Once an action has called after(), Next takes away its
 * right to set cookies the moment the browser disconnects; a sign-in that deferred its log line
 * still had its session cookie to write, and ended in an error instead of its redirect.
 */
export async function withWorkAfterResponse<T>(body: (defer: Defer) => Promise<T>): Promise<T> {
  const tasks: Array<() => Promise<void>> = [];
  try {
    return await body((task) => {
      tasks.push(task);
    });
  } finally {
    for (const task of tasks) after(task);
  }
}
