#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript sources directly through tsx's loader, so `npx evidence-digest` works right
// after `npm ci` with no build step. A larger young generation than V8's default (16 MB semi-spaces):
// a build hands the main thread every study's entry, and with the default most of its time went to
// garbage collection (bench/RESULTS.md, "Scale, 2026-12-06 night").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
