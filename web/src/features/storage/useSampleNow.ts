import { onCleanup } from 'solid-js';
import { toProblem } from '../../api/http';
import { getRanking, sampleNow } from '../../api/storage';
import { fmtDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';

const POLL_MS = 1_500;
const GIVE_UP_MS = 120_000;

interface Options {
  cluster: () => string;
  /** When the sample on screen was taken; a different answer means the new one landed. */
  sampledAt: () => string | null | undefined;
  /** Progress for the person: started, landed, or given up. */
  onNotice: (message: string) => void;
  onSampled: () => void;
}

/** "Sample now" answers at once; the sample lands a moment later. Watch for it, then reload. */
export function useSampleNow(o: Options) {
  let poll: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(poll));
  return useAction(async () => {
    const before = o.sampledAt() ?? null;
    const cluster = o.cluster();
    const started = await sampleNow(cluster);
    o.onNotice(started.mode === 'lambda' ? 'The sampler function was started; the new sample appears here when it is done.' : 'Sampling now…');
    clearInterval(poll);
    const deadline = Date.now() + GIVE_UP_MS;
    poll = setInterval(() => {
      void getRanking(cluster, 'bytes').then((r) => {
        if (r.sampledAt !== before) {
          clearInterval(poll);
          o.onNotice(`New sample taken at ${fmtDateTime(r.sampledAt ?? '')}${r.partial ? ' (partial)' : ''}.`);
          o.onSampled();
        } else if (Date.now() > deadline) {
          clearInterval(poll);
          o.onNotice('No new sample after two minutes; the sampler may have failed (see its logs).');
        }
      }, (e: unknown) => {
        clearInterval(poll);
        o.onNotice(`Could not check for the new sample: ${toProblem(e).detail}`);
      });
    }, POLL_MS);
  });
}
