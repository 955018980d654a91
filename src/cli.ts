/**
 * argv -> config -> pipeline -> report and exit code. The only module that touches the process.
 * Exit codes (PRODUCT.md section 3): 0 success; 1 the run failed; 2 bad usage or config; 75 another
 * refresh holds the lock. Human output on stderr, machine output on stdout.
 */
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CITE_FORMATS, type CiteFormat } from './cite/index.ts';
import { type Config, loadConfig } from './config.ts';
import { describeError, isDigestError } from './errors.ts';
import { redactSecret } from './fetch/build-request.ts';
import { systemClock } from './fetch/pacer.ts';
import { runParseCommand } from './parse/index.ts';
import { refresh } from './pipeline.ts';
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

  const setup = async (needsNetwork: boolean) => {
    const globals = program.opts<GlobalOptions>();
    const reporter = createReporter(io.stderr, verbosity(globals));
    const config = await configure(io, globals, reporter, setExit, needsNetwork);
    return { reporter, config };
  };

  program
    .command('run')
    .description('the scheduled job (npm start): refresh the cache from PubMed, then build the site')
    .action(async () => {
      const { reporter, config } = await setup(true);
      if (!config) return;
      const refreshed = await runRefresh(config, reporter, { dryRun: false });
      setExit(refreshed === EXIT.ok ? await runBuild(config, io, false) : refreshed);
    });

  program
    .command('refresh')
    .description('fetch every record matching the query that is not in the cache yet')
    .option('--dry-run', 'search only: show what would be fetched, write nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const { reporter, config } = await setup(true);
      if (config) setExit(await runRefresh(config, reporter, { dryRun: options.dryRun === true }));
    });

  program
    .command('build')
    .description('cache -> site, offline: pages, search index, feeds, exports; published whole')
    .option('--out <dir>', 'where to publish (default: outDir, "site")')
    .option('--force', 'rebuild even when the published site is current')
    .action(async (options: { out?: string; force?: boolean }) => {
      const { config } = await setup(false);
      if (!config) return;
      const outDir = options.out ? resolve(io.cwd, options.out) : config.outDir;
      setExit(await runBuild({ ...config, outDir }, io, options.force === true));
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

function runBuild(config: Config, io: CliIO, force: boolean): Promise<number> {
  return runBuildCommand({
    cacheDir: config.cacheDir,
    outDir: config.outDir,
    now: () => new Date(),
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

async function runRefresh(config: Config, reporter: Reporter, options: { dryRun: boolean }): Promise<number> {
  try {
    const report = await refresh(config, { clock: systemClock, random: Math.random, reporter }, options);
    reporter.info(
      `refresh ${options.dryRun ? '(dry run) ' : ''}done in ${(report.durationMs / 1000).toFixed(1)} s: ` +
        `${report.matched} matching, ${report.fetched} fetched, ${report.missing.length} missing; ` +
        `${report.requests} requests, ${report.retries} retries, ${report.rateLimited} rate-limited`,
    );
    return EXIT.ok;
  } catch (error) {
    if (isDigestError(error, 'CACHE_LOCKED')) {
      reporter.error(describeError(error));
      return EXIT.locked;
    }
    reporter.error(
      `refresh failed; records fetched before the failure are kept in ${config.cacheDir}\n  ${redactSecret(
        describeError(error),
        config.apiKey,
      )}`,
    );
    return EXIT.failed;
  }
}
