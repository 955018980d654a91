// Worker threads do not inherit `--import tsx` (Node 20), so the worker registers the TypeScript loader
// itself before loading its real body. Works under vitest and under `node --import tsx` alike.
import { register } from 'tsx/esm/api';

register();
await import('./search-index-worker.ts');
