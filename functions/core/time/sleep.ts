// Waiting that a stop signal cuts short. One helper, because each copy of it got the listener's
// lifetime wrong: one left behind per sleep piles up on a long-lived signal (a loop's).

/** Resolves after `ms`, or at once when `signal` is (or becomes) aborted. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const wake = () => { clearTimeout(timer); resolve() }
    const timer = setTimeout(() => { signal.removeEventListener('abort', wake); resolve() }, ms)
    signal.addEventListener('abort', wake, { once: true })
  })
}
