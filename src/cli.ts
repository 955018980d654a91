/**
 * argv -> config -> pipeline -> report and exit code. The only module that touches the process.
 * Exit codes (PRODUCT.md section 3): 0 success; 1 the run failed; 2 bad usage or config; 75 another
 * refresh holds the lock. Human output on stderr, machine output on stdout.
 */
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { lockCache } from './cache/cache-lock.ts';
import type { RunReport } from './cache/refresh-state.ts';
import { CITE_FORMATS, type CiteFormat } from './cite/index.ts';
import { type Config, loadConfig } from './config.ts';
import { describeError, isDigestError } from './errors.ts';
import { redactSecret } from './fetch/build-request.ts';
import { type Clock, systemClock } from './fetch/pacer.ts';
import { runParseCommand } from './parse/index.ts';
import { RefreshFailed, refresh } from './pipeline.ts';
import { runBuildCommand, runCiteCommand, runSearchCommand, runServeCommand } from './render/index.ts';
import { createReporter, type Reporter, type Verbosity } from './reporter.ts';
import { runTagCommand } from './tag/index.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 75 } as const;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

interface GlobalOptions {
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
}

export async function main(argv: string[], partialIo: Partial<CliIO> = {}): Promise<number> {
  const io: CliIO = {
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    env: partialIo.env ?? process.env,
    cwd: partialIo.cwd ?? process.cwd(),
  };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    }
    io.stderr.write(`error: ${describeError(error)}\n`);
    return EXIT.failed;
  }
  return exitCode;
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('evidence-digest')
    .description(
      'Keeps the PubMed literature on ketamine and esketamine for depression current: fetch, cache, parse, tag, publish.',
    )
    .option('--config <path>', 'config file (default: ./evidence-digest.config.json if present)')
    .addOption(new Option('-q, --quiet', 'print errors and warnings only').conflicts('verbose'))
    .option('-v, --verbose', 'print every retry and search window')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  program.configureHelp({ showGlobalOptions: true });

  let clock: Clock = systemClock;
  const setup = async (needsNetwork: boolean) => {
    const globals = program.opts<GlobalOptions>();
    const reporter = createReporter(io.stderr, verbosity(globals));
    try {
      clock = clockFrom(io.env);
    } catch (error) {
      reporter.error(describeError(error));
      setExit(EXIT.usage);
      return { reporter, config: null };
    }
    const config = await configure(io, globals, reporter, setExit, needsNetwork);
    return { reporter, config };
  };

  program
    .command('run')
    .description(
      'the scheduled job (npm start): refresh the cache from PubMed, then build and publish the site, under one lock',
    )
    .option('--full', 'full re-sync: fetch every record again and mark those that left the result set')
    .action(async (options: { full?: boolean }) => {
      const { reporter, config } = await setup(true);
      if (!config) return;
      setExit(
        await withLock(config, reporter, async () => {
          const refreshed = await runRefresh(config, reporter, clock, {
            dryRun: false,
            full: options.full === true,
            lockHeld: true,
          });
          return refreshed === EXIT.ok ? runBuild(config, io, clock, false) : refreshed;
        }),
      );
    });

  program
    .command('refresh')
    .description(
      'fetch new records (by entry date) and changed ones (by modification date) since the last complete run',
    )
    .option('--full', 'full re-sync: fetch every record again and mark those that left the result set')
    .option('--dry-run', 'search only: show what would be fetched, write nothing')
    .action(async (options: { dryRun?: boolean; full?: boolean }) => {
      const { reporter, config } = await setup(true);
      if (config)
        setExit(
          await runRefresh(config, reporter, clock, {
            dryRun: options.dryRun === true,
            full: options.full === true,
          }),
        );
    });

  program
    .command('build')
    .description('cache -> site, offline: pages, search index, feeds, exports; published whole')
    .option('--out <dir>', 'where to publish (default: outDir, "site")')
    .option('--force', 'rebuild even when the published site is current')
    .action(async (options: { out?: string; force?: boolean }) => {
      const { reporter, config } = await setup(false);
      if (!config) return;
      const outDir = options.out ? resolve(io.cwd, options.out) : config.outDir;
      setExit(
        await withLock(config, reporter, () =>
          runBuild({ ...config, outDir }, io, clock, options.force === true),
        ),
      );
    });

  program
    .command('search')
    .description("query a built site's index with exactly the ranking the browser uses")
    .argument(
      '<query>',
      'words, "phrases", -exclusions, prefix*; may end with the search page URL parameters (?design=rct)',
    )
    .option('--site <dir>', 'the built site (default: outDir, "site")')
    .option('--limit <n>', 'how many results', positiveInteger, 20)
    .option('--json', 'one JSON object per result on stdout')
    .action(async (query: string, options: { site?: string; limit: number; json?: boolean }) => {
      const { config } = await setup(false);
      if (!config) return;
      const siteDir = options.site ? resolve(io.cwd, options.site) : config.outDir;
      setExit(
        await runSearchCommand(query, {
          siteDir,
          limit: options.limit,
          json: options.json === true,
          stdout: io.stdout,
          stderr: io.stderr,
        }),
      );
    });

  program
    .command('cite')
    .description('citations for cached studies, on stdout')
    .argument('<pmids...>', 'PubMed IDs')
    .addOption(
      new Option('--format <format>', 'citation style or export format')
        .choices([...CITE_FORMATS])
        .makeOptionMandatory(),
    )
    .action(async (pmids: string[], options: { format: CiteFormat }) => {
      const { config } = await setup(false);
      if (!config) return;
      setExit(
        await runCiteCommand(pmids, {
          cacheDir: config.cacheDir,
          format: options.format,
          stdout: io.stdout,
          stderr: io.stderr,
        }),
      );
    });

  program
    .command('serve')
    .description('preview a built site on http://127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', portNumber, 8080)
    .option('--site <dir>', 'the built site (default: outDir, "site")')
    .action(async (options: { port: number; site?: string }) => {
      const { config } = await setup(false);
      if (!config) return;
      const siteDir = options.site ? resolve(io.cwd, options.site) : config.outDir;
      setExit(await runServeCommand({ siteDir, port: options.port, stderr: io.stderr }));
    });

  program
    .command('parse')
    .description('PubMed XML (plain or .gz) -> one JSON study record per line on stdout')
    .argument('<files...>', 'PubmedArticleSet files, e.g. efetch responses or baseline files')
    .action(async (files: string[]) => {
      setExit(await runParseCommand(files, { stdout: io.stdout, stderr: io.stderr }));
    });

  program
    .command('tag')
    .description(
      'PubMed XML, or JSONL study records (pmid, title, abstract) -> one JSON line of tags per study',
    )
    .argument('<files...>', 'PubMed XML (plain or .gz) or JSONL files')
    .action(async (files: string[]) => {
      setExit(await runTagCommand(files, { stdout: io.stdout, stderr: io.stderr }));
    });

  return program;
}

function runBuild(config: Config, io: CliIO, clock: Clock, force: boolean): Promise<number> {
  return runBuildCommand({
    cacheDir: config.cacheDir,
    outDir: config.outDir,
    now: () => new Date(clock.now()),
    query: config.query,
    siteUrl: config.siteUrl,
    stderr: io.stderr,
    force,
  });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('expected a port, 0 to 65535');
  return n;
}

function verbosity(options: GlobalOptions): Verbosity {
  if (options.quiet) return 'quiet';
  return options.verbose ? 'verbose' : 'normal';
}

async function configure(
  io: CliIO,
  globals: GlobalOptions,
  reporter: Reporter,
  setExit: (code: number) => void,
  needsNetwork: boolean,
): Promise<Config | null> {
  try {
    return await loadConfig({ cwd: io.cwd, env: io.env, configPath: globals.config, needsNetwork });
  } catch (error) {
    if (isDigestError(error, 'CONFIG_INVALID') || isDigestError(error, 'CONFIG_UNREADABLE')) {
      reporter.error(describeError(error));
      setExit(EXIT.usage);
      return null;
    }
    throw error;
  }
}

/**
 * The clock every date window and report uses: the system's, or for tests and replays a fixed start given
 * as EVIDENCE_DIGEST_NOW (ISO 8601) that then runs at real speed.
 */
function clockFrom(env: Record<string, string | undefined>): Clock {
  const fixed = env.EVIDENCE_DIGEST_NOW;
  if (fixed === undefined || fixed === '') return systemClock;
  const startMs = Date.parse(fixed);
  if (Number.isNaN(startMs))
    throw new Error(
      `EVIDENCE_DIGEST_NOW: expected an ISO 8601 time such as 2027-06-01T06:00:00Z, got "${fixed}"`,
    );
  const offset = startMs - Date.now();
  return { now: () => Date.now() + offset, sleep: systemClock.sleep };
}

/** Refresh and publish under the cache lock: a second run gets exit 75, nothing interleaves. */
async function withLock(config: Config, reporter: Reporter, work: () => Promise<number>): Promise<number> {
  let lock: Awaited<ReturnType<typeof lockCache>>;
  try {
    lock = await lockCache(config.cacheDir, config.lockStaleMs);
  } catch (error) {
    if (isDigestError(error, 'CACHE_LOCKED')) {
      reporter.error(describeError(error));
      return EXIT.locked;
    }
    throw error;
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

async function runRefresh(
  config: Config,
  reporter: Reporter,
  clock: Clock,
  options: { dryRun: boolean; full: boolean; lockHeld?: boolean },
): Promise<number> {
  try {
    const report = await refresh(config, { clock, random: Math.random, reporter }, options);
    for (const line of summarise(report)) reporter.info(line);
    return EXIT.ok;
  } catch (error) {
    if (isDigestError(error, 'CACHE_LOCKED')) {
      reporter.error(describeError(error));
      return EXIT.locked;
    }
    if (error instanceof RefreshFailed) for (const line of summarise(error.report)) reporter.info(line);
    reporter.error(
      `refresh failed; records fetched before the failure are kept in ${config.cacheDir} and the next run resumes from them; the watermark did not move\n  ${redactSecret(
        error instanceof RefreshFailed ? error.message : describeError(error),
        config.apiKey,
      )}`,
    );
    return EXIT.failed;
  }
}

/** The run report in a few lines for stderr; the whole report is runs/<run-id>.json under the cache. */
function summarise(report: RunReport): string[] {
  const c = report.counts;
  const list = (pmids: readonly string[]) =>
    pmids.length === 0 ? '' : `: ${pmids.slice(0, 10).join(', ')}${pmids.length > 10 ? ', ...' : ''}`;
  const lines = [
    `refresh ${report.status} (${report.mode}${report.resumedFrom ? `, resuming the run of ${report.resumedFrom}` : ''}) in ${(report.durationMs / 1000).toFixed(1)} s: ` +
      report.searches.map((s) => `${s.count} listed by ${s.datetype} ${s.from}-${s.to}`).join(', '),
  ];
  if (report.status === 'dry-run') return lines;
  lines.push(
    `  ${c.new} new, ${c.updated} updated, ${c.unchanged} re-fetched unchanged, ${c.newlyRetracted} newly retracted, ` +
      `${c.withdrawn} withdrawn, ${c.reinstated} reinstated, ${c.offTopic} off-topic, ${c.failed} failed`,
    `  ${report.requests} requests, ${report.retries} retries, ${report.rateLimited} rate-limited; watermark ${report.watermark.before ?? 'none'} -> ${report.watermark.after ?? 'none'}`,
  );
  if (report.newlyRetracted.length > 0) lines.push(`  newly retracted${list(report.newlyRetracted)}`);
  if (report.withdrawn.length > 0) lines.push(`  withdrawn${list(report.withdrawn)}`);
  if (report.failed.length > 0) lines.push(`  failed${list(report.failed.map((f) => f.pmid))}`);
  lines.push(`  report: runs/${report.runId}.json in the cache`);
  return lines;
}
