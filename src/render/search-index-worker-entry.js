// Worker threads do not inherit the TypeScript loader of the thread that starts them: startWorker runs
// this worker's body, ./search-index-worker.ts, from the bundle in dist/ when that is fresh, else through tsx.
import { startWorker } from '../../bin/bundle-status.js';

await startWorker(import.meta.url, './search-index-worker.ts');
