/** A DOI as the DOI Handbook defines it (10.<registrant>/<suffix>); anything else is not printed as one. */
export function validDoi(doi: string | null | undefined): string | null {
  const trimmed = doi?.trim() ?? '';
  return /^10\.\d{4,9}\/\S+$/.test(trimmed) ? trimmed : null;
}
