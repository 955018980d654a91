/**
 * Human output, always on stderr (stdout is for machine output): progress bars on a TTY, plain lines
 * otherwise (cron logs, CI), `--quiet` for errors only and `--verbose` for every retry and search window.
 */
import cliProgress from 'cli-progress';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface Progress {
  /** `detail` is a short note after the count, e.g. the batch or window number. */
  update(done: number, total?: number, detail?: string): void;
  stop(): void;
}

export interface Reporter {
  info(message: string): void;
  detail(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  progress(label: string, unit: string, total: number): Progress;
}

export function createReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  verbosity: Verbosity,
): Reporter {
  const tty = stream.isTTY === true;
  let active: cliProgress.SingleBar | null = null;
  const write = (line: string) => {
    if (active) active.stop();
    active = null;
    stream.write(`${line}\n`);
  };

  return {
    info: (message) => verbosity !== 'quiet' && write(message),
    detail: (message) => verbosity === 'verbose' && write(message),
    warn: (message) => write(`warning: ${message}`),
    error: (message) => write(`error: ${message}`),
    progress(label, unit, total) {
      if (verbosity === 'quiet') return { update() {}, stop() {} };
      if (tty) return barProgress(label, unit, total);
      return lineProgress(label, unit, total, write);
    },
  };

  function barProgress(label: string, unit: string, total: number): Progress {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label.padEnd(8)} [{bar}] {value}/{total} ${unit} | {percentage}% | eta {eta_formatted} {detail}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    active = bar;
    return {
      update(done, newTotal, detail) {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done, { detail: detail ?? '' });
      },
      stop() {
        bar.stop();
        if (active === bar) active = null;
      },
    };
  }
}

/** One line per tenth of the work, so a log shows progress without a line per request. */
function lineProgress(label: string, unit: string, total: number, write: (line: string) => void): Progress {
  let shownTenth = -1;
  let last = 0;
  let size = total;
  let note = '';
  return {
    update(done, newTotal, detail) {
      if (newTotal !== undefined) size = newTotal;
      last = done;
      note = detail ? ` (${detail})` : '';
      const tenth = size > 0 ? Math.floor((done / size) * 10) : 10;
      if (tenth > shownTenth && tenth < 10) {
        shownTenth = tenth;
        write(`${label}: ${done}/${size} ${unit}${note}`);
      }
    },
    stop() {
      write(`${label}: ${last}/${size} ${unit} done${note}`);
    },
  };
}
