/** The search module's public API plus the decoder, for tests. */
export { decodeIndexPart as decodeIndexPartForTest } from '../../src/search/decode-index-part.ts';
export * from '../../src/search/index.ts';
