/**
 * The site stage: cache -> study view models -> pages, feeds, exports and the search index, all in
 * memory (buildSite), then published whole (publishSite). The command functions the CLI wires:
 * build, search, cite and serve.
 */
export { runCiteCommand } from '../cite/index.ts';
export { type PublishResult, publishSite } from '../publish/index.ts';
export { runSearchCommand, type SearchCommandOptions } from '../search/index.ts';
export { buildFingerprint } from './build-fingerprint.ts';
export { buildSite } from './build-site.ts';
export { buildSiteFromCache, PAGE_KEYS_FILE } from './build-site-from-cache.ts';
export { bundleAssets } from './bundle-assets.ts';
export { CONTENT_SECURITY_POLICY } from './layout-view.ts';
export { type LoadedCache, type LoadOptions, loadStudies } from './load-studies.ts';
export { loadTemplates, TEMPLATES_DIR, type TemplateSources } from './load-templates.ts';
export { BUILD_INFO_FILE, type BuildCommandOptions, runBuildCommand } from './run-build-command.ts';
export { runServeCommand, type ServeCommandOptions } from './run-serve-command.ts';
export type { SiteFiles, SiteInput } from './site-input.ts';
export { POSTINGS_STATE_FILE, STUDIES_STATE_FILE } from './site-state.ts';
