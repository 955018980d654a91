/**
 * Bump whenever parsing changes what a record looks like: the parsed-record cache ignores entries made
 * by another version, so every record is parsed again once with the new code.
 */
export const PARSER_VERSION = 'parse-1';
