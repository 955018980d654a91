/** The search module's public API plus the shard decoder, for tests. */
export { decodeIndexShard } from '../../src/search/decode-index-shard.ts';
export * from '../../src/search/index.ts';
