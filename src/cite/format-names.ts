import type { CslName } from './csl-item.ts';

/** "Ella J" -> "EJ"; "Jean-Paul" -> "JP" (NLM initials drop hyphens and full stops). */
export function initialsOf(given: string): string {
  return given
    .split(/[\s.-]+/)
    .filter((word) => word !== '')
    .map((word) => (/^[A-Z]{2,3}$/.test(word) ? word : (word[0] ?? '').toUpperCase()))
    .join('');
}

/** NLM / AMA form: "Daly EJ", "Smith JA Jr", a group name as it is. */
export function nlmName(name: CslName): string {
  if ('literal' in name) return name.literal;
  const initials = name.given ? initialsOf(name.given) : '';
  return [name.family, initials, name.suffix].filter(Boolean).join(' ');
}

/** APA form: "Daly, E. J.", "Dupont, J.-P.", "Smith, J. A., Jr.". */
export function apaName(name: CslName): string {
  if ('literal' in name) return name.literal;
  const given = name.given ? apaInitials(name.given) : '';
  let out = given ? `${name.family}, ${given}` : name.family;
  // The suffix as PubMed spells it ("Jr", "3rd"), as citeproc prints it.
  if (name.suffix) out += `, ${name.suffix}`;
  return out;
}

function apaInitials(given: string): string {
  // PubMed often gives initials only ("JH"): each capital is one initial.
  if (/^[A-Z]{1,3}$/.test(given))
    return given
      .split('')
      .map((c) => `${c}.`)
      .join(' ');
  return given
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) =>
      word
        .split('-')
        .filter((part) => part !== '')
        .map((part) =>
          /^[A-Z]{2,3}$/.test(part)
            ? part
                .split('')
                .map((c) => `${c}.`)
                .join(' ')
            : `${part[0]?.toUpperCase()}.`,
        )
        .join('-'),
    )
    .join(' ');
}
