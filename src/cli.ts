/**
 * argv -> config -> pipeline -> report and exit code. The only module that touches the process.
 * Exit codes (PRODUCT.md section 3): 0 success; 1 the run failed; 2 bad usage or config; 75 another
 * refresh holds the lock. Human output on stderr, machine output on stdout.
 */
import { Command, CommanderError, Option } from 'commander';
import { type Config, loadConfig } from './config.ts';
import { describeError, isDigestError } from './errors.ts';
import { redactSecret } from './fetch/build-request.ts';
import { systemClock } from './fetch/pacer.ts';
import { runParseCommand } from './parse/index.ts';
import { refresh } from './pipeline.ts';
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

  const refreshAction = async (options: { dryRun?: boolean }) => {
    const globals = program.opts<GlobalOptions>();
    const reporter = createReporter(io.stderr, verbosity(globals));
    const config = await configure(io, globals, reporter, setExit);
    if (!config) return;
    setExit(await runRefresh(config, reporter, { dryRun: options.dryRun === true }));
  };

  program
    .command('refresh')
    .description(
      'fetch every record matching the query that is not in the cache yet (one command for cron or CI)',
    )
    .option('--dry-run', 'search only: show what would be fetched, write nothing')
    .action(refreshAction);

  program
    .command('run')
    .description('the scheduled job (npm start): refresh the cache from PubMed')
    .action(() => refreshAction({}));

  program
    .command('parse')
    .description('PubMed XML (plain or .gz) -> one JSON study record per line on stdout')
    .argument('<files...>', 'PubmedArticleSet files, e.g. efetch responses or baseline files')
    .action(async (files: string[]) => {
      setExit(await runParseCommand(files, { stdout: io.stdout, stderr: io.stderr }));
    });

  program
    .command('tag')
    .description('PubMed XML, or JSONL study records (pmid, title, abstract) -> one JSON line of tags per study')
    .argument('<files...>', 'PubMed XML (plain or .gz) or JSONL files')
    .action(async (files: string[]) => {
      setExit(await runTagCommand(files, { stdout: io.stdout, stderr: io.stderr }));
    });

  return program;
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
): Promise<Config | null> {
  try {
    return await loadConfig({ cwd: io.cwd, env: io.env, configPath: globals.config, needsNetwork: true });
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
