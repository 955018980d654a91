/**
 * The default PubMed query: ketamine, esketamine or arketamine, studied in depression, its subtypes
 * (treatment-resistant, bipolar depression) or suicidality. Shown verbatim on the site's about page.
 *
 * It is written for recall; the screening stage removes what a broad query must let in (ketamine as an
 * anaesthetic, "respiratory depression", depression studies that only mention ketamine).
 *
 * - Substance block: the MeSH heading Ketamine (D007649, exploded), and free text in title/abstract for
 *   the racemate and both enantiomers under every name PubMed tokenises differently: esketamine,
 *   S-ketamine, (S)-ketamine, arketamine, R-ketamine, (R)-ketamine, and the brand Spravato. Esketamine has
 *   no MeSH heading of its own (only a supplementary concept), so the text terms carry it. `ketamin*`
 *   also catches "ketamine-induced", "ketamine's" and non-English "ketamina".
 * - Condition block: MeSH Depression, Depressive Disorder (exploded: major, treatment-resistant,
 *   postpartum, dysthymic), Bipolar Disorder, Suicide (exploded: suicidal ideation, attempted suicide),
 *   Suicidal Ideation, Mood Disorders; plus free text for depress*, antidepress*, treatment-resistant,
 *   bipolar, suicid*, anhedoni* and mood, so that records not yet indexed with MeSH (in-process,
 *   publisher-supplied, the newest weeks) are found too.
 */
export const DEFAULT_QUERY = [
  '(',
  '"Ketamine"[MeSH Terms] OR ketamin*[tiab] OR esketamin*[tiab] OR "s-ketamine"[tiab]',
  'OR "s ketamine"[tiab] OR arketamin*[tiab] OR "r-ketamine"[tiab] OR "r ketamine"[tiab]',
  'OR spravato[tiab] OR "esketamine"[Supplementary Concept]',
  ')',
  'AND',
  '(',
  '"Depression"[MeSH Terms] OR "Depressive Disorder"[MeSH Terms] OR "Bipolar Disorder"[MeSH Terms]',
  'OR "Suicide"[MeSH Terms] OR "Suicidal Ideation"[MeSH Terms] OR "Mood Disorders"[MeSH Terms]',
  'OR depress*[tiab] OR antidepress*[tiab] OR "treatment-resistant"[tiab] OR "treatment resistant"[tiab]',
  'OR bipolar[tiab] OR suicid*[tiab] OR anhedoni*[tiab] OR mood[tiab]',
  ')',
].join(' ');
