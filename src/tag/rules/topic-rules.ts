import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND } from './shared-patterns.ts';

/**
 * Topics (multi-label): what a study is about, in the words clinicians use. Add a topic by adding rows
 * with a new `tag`. Cues in sentences about future work are ignored everywhere; claims that every
 * ketamine abstract opens with ("rapid antidepressant effects") are ignored where they would tag everything.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract', 'keywords'];

export const topicRules: TagRule<string>[] = [
  {
    id: 'topic.mechanism.named-mechanism',
    tag: 'mechanism',
    label: 'mechanism of action',
    fields: TEXT,
    patterns: [
      /\bmechanisms?\s+(?:of|underlying|by which|involved|behind|for)\b|\bmechanistic(?:ally)?\b|\bneuro-?mechanisms?\b|\bneurobiolog\w*/i,
      /\bsynap(?:tic|togenesis|ses)\b|\bneuro-?plastic\w*|\bplasticity\b|\blong-term potentiation\b|\bLTP\b/i,
      /\bBDNF\b|\bbrain[- ]derived neurotrophic\b|\bmTOR\w*|\bAMPA\w*|\bTrkB\b|\bGSK-?3\w*|\bneurotrophic\b/i,
      /\b(?:functional|effective|resting[- ]state|structural|network|thalamocortical|fronto-?striatal)\s+connectivity\b|\bneural\s+(?:correlates|circuits?|activity|dynamics|oscillations|networks?|plasticity)\b|\bbrain\s+(?:networks?|activity|function|states?|circuitry|structure|metabolism)\b|\bcircuitry\b|\bwhite\s+matter\b|\bglucose\s+metabolism\b/i,
      /\bglutamat(?:e|ergic)\s+(?:\w+\s+)?(?:levels?|release|neurotransmission|signal\w*|activity|concentrations?|transmission|system|pathways?)\b|\bGlx\b|\bGABA\w*|\bexcitation\s*\/\s*inhibition\b|\bexcitatory\s*\/\s*inhibitory\b|\bE\/I\b/i,
      /\b(?:inflammat\w*|cytokines?|kynurenine|metabolomic\w*|transcriptom\w*|epigenetic\w*|methylation|gene expression|pathways?)\b/i,
    ],
    mesh: [
      'Neuronal Plasticity',
      'Brain-Derived Neurotrophic Factor',
      'Receptors, N-Methyl-D-Aspartate',
      'Glutamic Acid',
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale: 'How ketamine works: glutamate, NMDA/AMPA, plasticity, BDNF, mTOR, circuits and connectivity.',
  },
  {
    id: 'topic.efficacy.outcome',
    tag: 'efficacy',
    label: 'response, remission, symptom change or onset',
    fields: TEXT,
    patterns: [
      /\befficac\w*|\beffectiveness\b|\b(?:was|were|is|be|as|more|less|equally|highly)\s+effective\b/i,
      /\b(?:response|remission)\s+(?:rates?|criteri\w*)\b|\bremi(?:ssion|tted|tters?)\b|\bresponders?\b|\b(?:treatment|antidepressant|clinical)\s+response\b/i,
      /\b(?:MADRS|HAM-?D\w*|HDRS\w*|BDI(?:-II)?|QIDS\w*|PHQ-?9|EPDS|CDRS\w*|IDS-?SR\w*|SHAPS|CGI-?[SI]\w*|BSSI?|SSI|C-SSRS|HADS)\b/,
      /\b(?:improv\w*|reduc\w*|decreas\w*|alleviat\w*|relie(?:f|ved?)|ameliorat\w*)\s+(?:\w+[\s,-]+){0,3}?(?:depress\w*|symptoms?|suicidal\w*|anhedoni\w*|mood|hopelessness)\b/i,
      /\bonset\s+of\s+(?:action|effects?|response|antidepressant)\b|\b(?:anti-?depressant|anti-?suicidal|anti-?anhedonic|anxiolytic)\s+(?:effects?|efficacy|response|actions?|properties|outcomes?)\b/i,
    ],
    mesh: ['Treatment Outcome'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND, /\bcost[- ]effective\w*/gi],
    precedence: 0,
    rationale: 'Does it work: outcomes on depression scales, response, remission, speed of onset.',
  },
  {
    id: 'topic.safety.harms',
    tag: 'safety',
    label: 'adverse events, tolerability, abuse, cognition, cardiovascular or urological effects',
    fields: TEXT,
    patterns: [
      /\bsafety\b|\bsafe(?:ly)?\b|\btolera(?:bility|ted|ble)\b|\badverse\s+(?:events?|effects?|reactions?|outcomes?|drug)\b|\bside[- ]effects?\b|\bTEAEs?\b|\bharms?\b|\bcomplications?\b/i,
      /\bdissociat\w*|\bCADSS\b|\bpsychotomimetic\w*|\bpsychotic\s+symptoms\b|\bhallucinat\w*|\bmanic\s+switch|\baffective\s+switch/i,
      /\bblood\s+pressure\b|\bhypertensi\w*|\bha?emodynamic\w*|\bheart\s+rate\b|\bcardiovascular\s+(?:effects?|events?|safety|risk)\b/i,
      /\babuse\b|\bmisuse\b|\baddictive\b|\bdependence\b|\bdrug\s+liking\b/i,
      /\bcogniti(?:ve|on)\s+(?:\w+\s+)?(?:impairments?|functions?|functioning|effects?|safety|outcomes?|performance|deficits?|side|profile)\b|\bneurocognit\w*|\bmemory\s+(?:impairment|deficits?|function|recall)\b/i,
      /\burolog\w*|\bbladder\b|\bcystitis\b|\burinary\b|\bnausea\b|\bdizziness\b|\bvomiting\b|\bheadaches?\b|\bsedation\b/i,
    ],
    mesh: ['Drug-Related Side Effects and Adverse Reactions', 'Substance-Related Disorders'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale:
      'Is it safe: adverse events, dissociation, blood pressure, abuse and misuse, cognition, bladder.',
  },
  {
    id: 'topic.dosing.dose-question',
    tag: 'dosing',
    label: 'dose, frequency, titration, route comparison or pharmacokinetics',
    fields: TEXT,
    patterns: [
      /\bdos(?:e|ing|age)[- ](?:response|finding|ranging|titration|escalation|dependent(?:ly)?|related|comparison|optimi[sz]\w*|frequency|schedules?|regimens?|strateg\w*|intervals?|effects?)\b/i,
      /\b(?:different|various|multiple|two|three|four|five|higher|lower|optimal|optimum|ideal|fixed|flexible|individuali[sz]ed|ascending|escalating|subtherapeutic)\s+(?:\w+\s+)?(?:doses|dosing|dosages?)\b|\bdosages?\b|\bdose\s+(?:titration|escalation|adjust\w*|levels?)\b|\btitrat\w*/i,
      /\bpharmacokinetic\w*|\bpharmacodynamic\w*|\b(?:plasma|serum|blood)\s+(?:\w+\s+)?concentrations?\s+of\s+(?:ketamine|esketamine|norketamine)\b|\b(?:ketamine|esketamine|norketamine)\s+concentrations?\b|\bnorketamine\b|\bhydroxynorketamine\b/i,
      /\b(?:infusion|dosing|treatment|administration)\s+(?:rates?|durations?|lengths?|frequency|intervals?|schedules?|protocols?)\b|\bfrequency\s+of\s+(?:infusions?|administrations?|dosing|treatments?|sessions)\b|\broutes?\s+of\s+administration\b/i,
      /\b\d+(?:\.\d+)?\s*(?:mg\/kg|mg)\b[^.;]{0,25}?\b(?:vs\.?|versus|or)\s+\d+(?:\.\d+)?\s*(?:mg\/kg|mg)\b/i,
    ],
    mesh: ['Dose-Response Relationship, Drug', 'Drug Administration Schedule'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale:
      'Which dose and how often: studies that compare or tune doses, schedules or routes, or measure levels.',
  },
  {
    id: 'topic.psychotherapy.combined',
    tag: 'psychotherapy',
    label: 'psychotherapy with ketamine',
    fields: TEXT,
    patterns: [
      /\bpsychotherap\w*|\bcognitive[- ]behaviou?ral\s+therap\w*|\bCBT\b|\bketamine[- ]assisted\s+(?:psycho)?therap\w*|\bKAP\b|\bKAT\b|\bpsychological\s+(?:therap\w*|support|interventions?|treatment)\b|\bpsychodynamic\b|\bmindfulness\b|\bintegration\s+sessions?\b|\bEMDR\b|\bbehaviou?ral\s+activation\b|\bcounsel+ing\b/i,
    ],
    mesh: ['Psychotherapy', 'Cognitive Behavioral Therapy', 'Combined Modality Therapy'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale: 'Ketamine combined with talking therapy: CBT, ketamine-assisted psychotherapy, integration.',
  },
  {
    id: 'topic.regulation-access.policy',
    tag: 'regulation-access',
    label: 'approval, off-label use, cost, access, clinics or equity',
    fields: TEXT,
    patterns: [
      /\bFDA\b|\bFood and Drug Administration\b|\bEMA\b|\bEuropean Medicines Agency\b|\bregulator(?:y|s)\b|\bREMS\b|\bRisk Evaluation and Mitigation\b|\boff-?label\b|\bcompassionate\s+use\b|\b(?:early|expanded)\s+access\b|\bapprov(?:al|ed)\b|\blicen[cs]ed\b/i,
      /\bcosts?\b|\bcost-?effective\w*|\binsurance\b|\binsured\b|\breimburs\w*|\baffordab\w*|\bprices?\b|\bhealth[- ]economic\w*/i,
      /\baccess(?:ibility|ible)?\b|\bbarriers?\b|\bequit(?:y|able)\b|\bdiversity\b|\bdisparit\w*|\bunderrepresent\w*|\bpublicly insured\b|\bMedicaid\b|\bMedicare\b/i,
      /\btele(?:health|medicine|psychiatry)\b|\bat-home\b|\b(?:ketamine|esketamine|spravato|infusion)\s+(?:clinics?|programs?|programmes?|treatment centers?|treatment centres?|services?)\b|\bcommunity[- ]based\s+(?:clinic|center|centre)\b/i,
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      OPENING_BACKGROUND,
      /\b(?:ethic\w*|IRB|committee|institutional review board)\s+(?:\w+\s+){0,3}?approv\w*|\bapprov\w*\s+by\s+(?:the\s+)?(?:\w+\s+){0,5}?(?:ethic\w*|committee|board|IRB)\b|\bprotocol\b[^.]{0,60}\bapprov\w*|\baccess(?:ed)?\s+(?:to\s+)?(?:the\s+)?(?:data|database|records|full texts?)\b/gi,
    ],
    precedence: 0,
    rationale:
      'Who can get it and on what terms: approvals, REMS, off-label use, cost, insurance, clinics, equity.',
  },
  {
    id: 'topic.long-term.durability',
    tag: 'long-term',
    label: 'maintenance, durability, relapse or long follow-up',
    fields: TEXT,
    patterns: [
      /\blong[- ]term\b(?![- ]potentiation)|\bmaintenance\b|\brelaps\w*|\bdurab\w*|\bcontinuation\s+(?:phase|treatment|study|trial|infusions?|therapy|course)\b/i,
      /\bsustain(?:ed|ing)?\s+(?:\w+\s+)?(?:response|remission|effects?|improvements?|benefits?|antidepressant)\b|\bpersist\w*\s+(?:for|over|through|up to|beyond|at)\s+(?:least\s+)?(?:\w+\s+){0,2}?(?:weeks?|months?|years?)\b/i,
      /\b(?:\d+|six|nine|twelve|eighteen|twenty-four)[- ](?:month|year)s?\b|\b(?:1|one|2|two)[- ]years?\b|\bfollow-?up\s+(?:\w+\s+){0,3}?(?:\d+|six|nine|twelve)\s+(?:months?|years?)\b|\b(?:months?|years?)\s+(?:of\s+)?(?:follow-?up|treatment)\b/i,
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\blong[- ]term\s+(?:\w+\s+){0,3}?(?:are|is|remain|remains)\s+(?:unknown|unclear|uncertain|not (?:yet )?known)\b/gi,
      /\b(?:\d+|one|two|three)[- ]month\s+(?:history|period prior)\b|\b(?:\d+|one|two|three|six)[- ](?:months?|years?)\s+(?:prior|before|history)\b|\b\d+[- ]year[- ]old\b|\bhistory\s+of\b[^.]{0,40}\byears?\b|\baged?\s+\d+/gi,
    ],
    precedence: 0,
    rationale:
      'Do effects last: maintenance, relapse, durability, repeated dosing over months, long follow-up.',
  },
  {
    id: 'topic.biomarkers.predictor',
    tag: 'biomarkers',
    label: 'predictors or markers of response',
    fields: TEXT,
    patterns: [
      /\bbio-?markers?\b|\bmoderators?\b|\bendophenotype\b/i,
      /\bpredict\w*\s+(?:\w+[\s,-]+){0,6}?(?:response|remission|outcomes?|improvement|efficacy|benefit|responders?|non-?response)\b|\bpredictors?\b|\bpredictive\b/i,
      /\bmarkers?\s+of\s+(?:\w+\s+){0,2}?(?:response|remission|efficacy|outcome)\b|\bresponders?\s+(?:and|vs\.?|versus|from|compared with)\s+non-?responders?\b|\bnon-?responders?\b/i,
    ],
    mesh: ['Biomarkers', 'Biomarkers, Pharmacological'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale:
      'Who will respond: EEG, imaging, blood, genetic or clinical markers that predict or track response.',
  },
  {
    id: 'topic.suicidality.outcome-or-population',
    tag: 'suicidality',
    label: 'suicidal ideation or behaviour',
    fields: TEXT,
    patterns: [/\bsuicid\w*|\banti-?suicid\w*|\bself-?harm\w*|\bself-?injur\w*/i],
    mesh: ['Suicidal Ideation', 'Suicide', 'Suicide, Attempted'],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\b(?:high|higher|increased|elevated)?\s*(?:risk|rates?)\s+of\s+suicide\b|\bsuicide\s+rates?\b/gi,
    ],
    precedence: 0,
    rationale: 'Suicidal ideation or behaviour as an outcome or as the reason people were enrolled.',
  },
];
