/** Publish: a site built in memory -> disk, swapped in whole. */
export { type PublishOptions, type PublishResult, publishSite } from './publish-site.ts';
