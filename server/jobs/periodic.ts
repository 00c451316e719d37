/**
 * Runs a job now and then every `everyMs` until stopped, one run at a time; a run's result goes to
 * onDone, its failure to onError (the next run tries again). The timer does not keep the process up.
 */
export function startPeriodic<T>(
  run: () => Promise<T>,
  options: { everyMs: number; onDone?: (result: T) => void; onError: (err: unknown) => void },
): () => void {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= run()
      .then((result) => options.onDone?.(result))
      .catch((err: unknown) => options.onError(err))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
