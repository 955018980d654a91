/** What a handler answers, before headers, faults and transport are applied. */
export interface Reply {
  status: number;
  contentType: string;
  /** The body in pieces, produced lazily so a 10,000-record efetch is never one string. */
  body: Iterable<string>;
  /** Characters at the start and end of the body that a truncating fault leaves intact (the framing). */
  cutMargins?: readonly [head: number, tail: number];
  /** efetch: ids asked for; esearch: ids in the IdList. */
  idCount?: number;
}

export function textReply(status: number, contentType: string, body: string): Reply {
  return { status, contentType, body: [body] };
}
