import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createReporter, type Verbosity } from '../src/reporter.ts';

function capture(verbosity: Verbosity, isTTY = false) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += chunk;
        done();
      },
    }),
    { isTTY },
  );
  return { reporter: createReporter(stream, verbosity), text: () => text };
}

describe('createReporter', () => {
  it('prints plain progress lines, one per tenth, when stderr is not a terminal (cron, CI logs)', () => {
    const { reporter, text } = capture('normal');
    const bar = reporter.progress('efetch', 'records', 1000);
    for (let done = 100; done <= 1000; done += 100) bar.update(done, undefined, `batch ${done / 100}/10`);
    bar.stop();
    expect(text()).toBe(
      [
        'efetch: 100/1000 records (batch 1/10)',
        'efetch: 200/1000 records (batch 2/10)',
        'efetch: 300/1000 records (batch 3/10)',
        'efetch: 400/1000 records (batch 4/10)',
        'efetch: 500/1000 records (batch 5/10)',
        'efetch: 600/1000 records (batch 6/10)',
        'efetch: 700/1000 records (batch 7/10)',
        'efetch: 800/1000 records (batch 8/10)',
        'efetch: 900/1000 records (batch 9/10)',
        'efetch: 1000/1000 records done (batch 10/10)',
        '',
      ].join('\n'),
    );
  });

  it('--quiet keeps errors and warnings only; --verbose adds details', () => {
    const quiet = capture('quiet');
    quiet.reporter.info('info');
    quiet.reporter.detail('detail');
    quiet.reporter.progress('efetch', 'records', 10).update(5);
    quiet.reporter.warn('careful');
    quiet.reporter.error('broken');
    expect(quiet.text()).toBe('warning: careful\nerror: broken\n');

    const normal = capture('normal');
    normal.reporter.info('info');
    normal.reporter.detail('detail');
    expect(normal.text()).toBe('info\n');

    const verbose = capture('verbose');
    verbose.reporter.info('info');
    verbose.reporter.detail('detail');
    expect(verbose.text()).toBe('info\ndetail\n');
  });

  it('draws a bar on a terminal', () => {
    const { reporter, text } = capture('normal', true);
    const bar = reporter.progress('efetch', 'records', 4);
    bar.update(2, undefined, 'batch 1/2');
    bar.stop();
    expect(text()).toContain('2/4 records | 50%');
    expect(text()).toContain('batch 1/2');
  });
});
