import type { RelevanceRule } from '../rule-types.ts';
import { KETAMINE_NAME } from './shared-patterns.ts';

/**
 * Screening. On-topic means a ketamine-family drug studied for depression, its subtypes, suicidality or
 * mood. The decision order lives in decide-relevance.ts; this table holds the cues and the reasons.
 */

/** Uses of "depression" that are not the mood disorder. */
const NOT_MOOD_DEPRESSION =
  /\b(?:respiratory|ventilatory|cardiac|cardiovascular|myocardial|circulatory|immune|immunologic(?:al)?|CNS|central nervous system|neonatal|ST[- ]segment|spreading|cortical spreading|synaptic|long-term|bone marrow|marrow)\s+depression\b/gi;

/** The disorder, its subtypes, suicidality and mood words that name a studied condition in a title. */
const CONDITION_WORDS =
  /\b(?:depress(?:ion|ions|ive|ed)|antidepress\w*|anti-?suicid\w*|suicid\w*|self-?harm\w*|mood disorders?|melanchol\w*|anhedoni\w*|dysthymi\w*|MDD|TRD|bipolar)\b/i;

const POPULATION_WORDS = `(?:patients|participants|subjects|adults|individuals|people|persons|inpatients|outpatients|veterans|women|mothers|adolescents|youths?|children|cases|sample)`;

export const relevanceRules: RelevanceRule[] = [
  {
    id: 'relevance.substance.ketamine-family',
    role: 'substance',
    tag: 'substance',
    label: 'ketamine, esketamine or arketamine named',
    fields: ['title', 'abstract'],
    patterns: [KETAMINE_NAME],
    precedence: 0,
    rationale:
      'The digest is about the ketamine family; a name only in keywords or MeSH is usually a comparison, not the studied drug.',
  },
  {
    id: 'relevance.condition.title',
    role: 'condition',
    tag: 'condition',
    label: 'depression, suicidality or mood disorder in the title',
    fields: ['title'],
    patterns: [CONDITION_WORDS],
    negativePatterns: [NOT_MOOD_DEPRESSION],
    precedence: 0,
    rationale:
      'Authors put the studied condition in the title; "respiratory depression" and the like are masked.',
  },
  {
    id: 'relevance.condition.population',
    role: 'condition',
    tag: 'condition',
    label: 'depressed or suicidal people as the study population',
    fields: ['abstract'],
    patterns: [
      new RegExp(
        String.raw`\b${POPULATION_WORDS}\s+(?:\w+[\s,-]+){0,4}?(?:with|suffering from|diagnosed with|meeting (?:\w+\s+)?criteria for|presenting with)\s+(?:\w+[\s,/-]+){0,5}?(?:depress(?:ion|ive)|MDD|TRD|suicidal (?:ideation|thoughts|behaviou?r)|suicidality|mood disorders?)`,
        'i',
      ),
      /\b(?:depressed|depressive|suicidal)\s+(?:\w+\s+)?(?:patients|participants|subjects|adults|individuals|inpatients|outpatients|women|mothers|adolescents|veterans)\b/i,
      /\b(?:treatment|treating|management) of\s+(?:\w+[\s-]+){0,3}?(?:depression|major depressive disorder|MDD|TRD|mood disorders|suicidal ideation)\b/i,
      /\bfor\s+(?:\w+[\s-]+){0,2}?(?:major depressive (?:disorder|episodes?)|treatment[- ]resistant depression|depression|TRD|MDD)\b/i,
    ],
    negativePatterns: [NOT_MOOD_DEPRESSION],
    precedence: 0,
    rationale:
      'Without the condition in the title, the abstract must say the studied people are depressed or suicidal.',
  },
  {
    id: 'relevance.condition.indexing',
    role: 'condition',
    tag: 'condition',
    label: 'depression in keywords or MeSH',
    fields: ['keywords'],
    patterns: [CONDITION_WORDS],
    mesh: [
      'Depression',
      'Depressive Disorder',
      'Depressive Disorder, Major',
      'Depressive Disorder, Treatment-Resistant',
      'Depression, Postpartum',
      'Bipolar Disorder',
      'Suicidal Ideation',
      'Suicide',
      'Mood Disorders',
      'Antidepressive Agents',
    ],
    negativePatterns: [NOT_MOOD_DEPRESSION],
    precedence: 0,
    rationale:
      'Indexers and authors name the condition in MeSH and keywords even when the abstract does not.',
  },
  {
    id: 'relevance.condition.esketamine-nasal-spray',
    role: 'condition',
    tag: 'condition',
    label: 'esketamine nasal spray (Spravato)',
    fields: ['title', 'abstract'],
    patterns: [/\bspravato\b|\besketamine\s+(?:\w+\s+)?nasal\s+spray\b|\bESK-NS\b/i],
    precedence: 0,
    rationale: 'The nasal spray is licensed only for depression, so studies of it are depression studies.',
  },
  {
    id: 'relevance.exclusion.recreational-use',
    role: 'exclusion',
    tag: 'recreational-use',
    label: 'recreational ketamine users or ketamine use disorder',
    reason: 'ketamine as a drug of abuse (users, dependence), not as a treatment',
    strength: 'strong',
    overridesTitleCondition: true,
    fields: ['title', 'abstract'],
    patterns: [
      /\b(?:ketamine|chronic|recreational|frequent|infrequent|current|former|ex-|poly-?drug|illicit)[\s-]+(?:ketamine\s+)?(?:users?|abusers?)\b/i,
      /\bketamine\s+(?:use\s+disorders?|dependence|dependent|addiction|abuse|misusers?)\b/i,
      /\brecreational\s+(?:ketamine|use|users?|drug)\b|\bclub\s+drugs?\b|\bdriv(?:ers|ing)\s+under\s+the\s+influence\b|\bDUID\b/i,
    ],
    precedence: 0,
    rationale:
      'Studies of people who use ketamine recreationally describe harms of abuse, not treatment of depression.',
  },
  {
    id: 'relevance.exclusion.healthy-volunteers',
    role: 'exclusion',
    tag: 'healthy-volunteers',
    label: 'healthy volunteers as the only participants',
    reason: 'ketamine given to healthy volunteers, not to people with depression',
    strength: 'strong',
    fields: ['title', 'abstract'],
    patterns: [
      /\bhealthy\s+(?:\w+\s+){0,2}?(?:volunteers?|subjects|participants|individuals|adults|males?|men|women|humans|persons|people|controls? subjects)\b/i,
      /\b(?:normal|non-?depressed)\s+(?:volunteers|subjects|controls)\b|\bin\s+normals\b/i,
    ],
    negativePatterns: [
      /\b(?:and|versus|vs\.?|compared (?:with|to))\s+(?:\w+\s+){0,2}?healthy\s+(?:controls?|volunteers|subjects|participants)\b/gi,
    ],
    precedence: 0,
    rationale:
      'Challenge studies in healthy people model psychosis or pharmacology; healthy controls beside patients do not count.',
  },
  {
    id: 'relevance.exclusion.anaesthesia-analgesia',
    role: 'exclusion',
    tag: 'anaesthesia-analgesia',
    label: 'anaesthesia, sedation, analgesia or perioperative outcomes',
    reason: 'ketamine only as anaesthetic, sedative or analgesic',
    strength: 'weak',
    fields: ['title', 'abstract'],
    patterns: [
      /(?<!sub)\ban(?:a)?esthe(?:sia|tics?|tized)\b|\bpost-?an(?:a)?esthe\w*|\bsedation\b|\banalges\w*|\bpain\b|\bnocicept\w*|\bhyperalgesia\b/i,
      /\b(?:post|peri|intra)-?operative\s+(?:pain|delirium|cognitive|neurocognitive|sleep|analgesia|nausea|fatigue|agitation)|\bemergence\s+(?:agitation|delirium)\b|\bdelirium\b|\bopioid\s+consumption\b/i,
      /\bundergoing\s+(?:\w+\s+){0,4}?(?:surgery|resection|arthroplasty|section|procedures?|intubation|endoscopy|colonoscopy)\b|\bprocedural\s+sedation\b|\bintubat\w*/i,
    ],
    negativePatterns: [NOT_MOOD_DEPRESSION],
    precedence: 0,
    rationale:
      'Most ketamine papers are about anaesthesia and pain; they leave the digest unless depression is studied.',
  },
  {
    id: 'relevance.exclusion.other-condition',
    role: 'exclusion',
    tag: 'other-condition',
    label: 'a condition other than depression as the target',
    reason: 'ketamine studied for another condition (e.g. PTSD, OCD, addiction, psychosis, pain)',
    strength: 'weak',
    fields: ['title', 'abstract'],
    patterns: [
      /\bPTSD\b|\bpost-?traumatic stress\b|\bacute stress disorder\b|\bOCD\b|\bobsessive[- ]compulsive\b/i,
      /\b(?:alcohol|opioid|cocaine|methamphetamine|stimulant|substance|tobacco|nicotine|cannabis)\s+(?:use\s+disorders?|dependence|addiction|abuse|users?)\b|\balcoholi(?:cs|sm)\b|\bsmok(?:ers|ing cessation)\b|\baddiction\b|\bdetoxifi\w*/i,
      /\bschizophreni\w*|\bpsychosis\b|\bpsychotomimetic\s+model\b|\bmodel\s+of\s+psychosis\b/i,
      /\b(?:anorexia nervosa|eating disorders?|autism|ADNP|Huntington\w*|disorders? of consciousness|migraine|headache|seizures?|status epilepticus|borderline personality|generali[sz]ed anxiety|social anxiety|anxiety disorders?|burnout|job-related stress|asthma|bronchospasm|CRPS|complex regional pain)\b/i,
    ],
    precedence: 0,
    rationale:
      'Ketamine is tried for many disorders; unless depression is also the target, those studies are off-topic.',
  },
];
