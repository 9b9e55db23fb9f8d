/** Bootstrap progress on stderr (never on stdout, which carries the results). */
import cliProgress from "cli-progress";

/** Returns an onProgress callback and a stop function; a no-op pair when `enabled` is false. */
export function progressBar(enabled: boolean, label: string): {
  onProgress: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!enabled) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total}`, hideCursor: false, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
