import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr for long jobs, only when stderr is a terminal. */
export function progressBar(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `${label} [{bar}] {value}/{total}` }, Presets.shades_classic)
    : null;
  let started = false;
  return {
    update(done, total) {
      if (bar && !started) {
        bar.start(total, 0);
        started = true;
      }
      bar?.setTotal(total);
      bar?.update(done);
    },
    stop: () => started && bar?.stop(),
  };
}
