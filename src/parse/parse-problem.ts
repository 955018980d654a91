import { type ErrorCode, isDigestError } from '../errors.ts';

/** A record (or stretch of input) that could not become data. The run goes on; the report lists these. */
export interface ParseProblem {
  code: ErrorCode;
  file: string;
  pmid: string | null;
  /** Byte offset in the file of the fault (a record's start, or the fault inside it); null if unknown. */
  offset: number | null;
  reason: string;
}

export function problemFromError(error: unknown, file: string): ParseProblem {
  if (isDigestError(error)) {
    return {
      code: error.code,
      file: error.context.file ?? file,
      pmid: error.context.pmid ?? null,
      offset: error.context.offset ?? null,
      reason: error.message,
    };
  }
  return {
    code: 'PARSE_MALFORMED_RECORD',
    file,
    pmid: null,
    offset: null,
    reason: error instanceof Error ? error.message : String(error),
  };
}

/** One line for stderr: `file: byte 1234, PMID 5678: reason [CODE]`. */
export function formatProblem(problem: ParseProblem): string {
  const where = [
    problem.offset === null ? null : `byte ${problem.offset}`,
    problem.pmid === null ? null : `PMID ${problem.pmid}`,
  ].filter((part) => part !== null);
  return `${problem.file}${where.length > 0 ? `: ${where.join(', ')}` : ''}: ${problem.reason} [${problem.code}]`;
}
