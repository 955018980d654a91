import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder, where the code finds its own files at run time (templates/, the browser
 * scripts' sources, the files a build's fingerprint hashes). From this module's URL, which is
 * src/repo-root.ts when the sources run (tsx, vitest) and dist/cli.js or a worker's bundle beside it when
 * the bundle runs (bin/bundle.ts): both one folder below the root.
 */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
