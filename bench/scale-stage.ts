/**
 * One stage of the scale bench (bench/scale.ts) in a process of its own: runs an `evidence-digest`
 * command in the working directory, then prints its exit code, wall time, CPU time of all threads and
 * peak RSS as one JSON line on stdout (the command's own output goes to stderr).
 */
import { main } from '../src/cli.ts';

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: process.stderr });
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({
    code,
    wallS: (performance.now() - started) / 1000,
    cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMb: usage.maxRSS / 1024,
  })}\n`,
);
