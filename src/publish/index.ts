/** Publish: a site -> disk, written beside the old one and swapped in whole. */
export {
  linkSiteFile,
  openStagedSite,
  type PublishOptions,
  type PublishResult,
  publishSite,
  type StagedSite,
  type StageOptions,
  writeSiteFile,
} from './publish-site.ts';
