import type { Wake } from '../lib/wake.js';

/**
 * Runs a job now and then every `everyMs` until stopped, one run at a time; a run's result goes to
 * onDone, its failure to onError (the next run tries again). The timer does not keep the process up.
 * With `wake`, a notify runs the job at once (or right after the run in progress).
 */
export function startPeriodic<T>(
  run: () => Promise<T>,
  options: { everyMs: number; onDone?: (result: T) => void; onError: (err: unknown) => void; wake?: Wake },
): () => void {
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = run()
      .then((result) => options.onDone?.(result))
      .catch((err: unknown) => options.onError(err))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  const unsubscribe = options.wake?.subscribe(tick);
  return () => {
    clearInterval(timer);
    unsubscribe?.();
  };
}
