#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the bundle in dist/ (`npm ci` builds it; `npm run bundle` again) when it was built from exactly the
// sources on disk; otherwise the TypeScript sources through tsx's loader, as after an edit in src/, so
// what runs is always what src/ says. The bundle loads in a fraction of tsx's time (bin/bundle.ts).
// A larger young generation than V8's default (16 MB semi-spaces): a build hands the main thread every
// study's entry, and with the default most of its time went to garbage collection (bench/RESULTS.md,
// "Scale, 2026-12-06 night").
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleStatus, CLI_BUNDLE } from './bundle-status.js';

const bundle = bundleStatus();
let cli;
if (bundle.fresh) cli = await import(pathToFileURL(join(bundle.dir, CLI_BUNDLE)).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
