/** Types of bundle-status.js (plain JavaScript: it runs before TypeScript can be loaded). */
export declare const REPO_ROOT: string;
/** The bundle's folder, below the repository root. */
export declare const BUNDLE_DIR: string;
/** The bundle's manifest file in BUNDLE_DIR: what was bundled, and the hash of every source. */
export declare const MANIFEST_FILE: string;
/** The CLI's bundle in BUNDLE_DIR (it exports src/cli.ts's `main`). */
export declare const CLI_BUNDLE: string;

export type BundleStatus = { fresh: true; dir: string } | { fresh: false; reason: string };

export declare function sourceHashes(root: string, extra?: string[]): Record<string, string>;
export declare function bundleStatus(root?: string): BundleStatus;
export declare function startWorker(entryUrl: string, bodyPath: string): Promise<void>;
