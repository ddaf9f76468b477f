import { createSignal } from 'solid-js';

/**
 * Busy/error state for one button-triggered request. The error is kept for the
 * dialog's alert box (never swallowed); a new attempt clears it.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  // Resolves to { value } on success and undefined on failure, so void requests can signal success too.
  const run = async (...args: A): Promise<{ value: R } | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return { value: await fn(...args) };
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}
