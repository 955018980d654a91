import type { TagRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND } from './shared-patterns.ts';

/**
 * Topics (multi-label): what a study is about, in the words clinicians use. Add a topic by adding rows
 * with a new `tag`. Cues in sentences about future work are ignored everywhere; claims that every
 * ketamine abstract opens with ("rapid antidepressant effects", "glutamate") are ignored in the opening
 * background where they would tag every study. Topics whose words also turn up in passing (efficacy,
 * safety, suicidality, durability, access, therapy) need two mentions, or one in the title; the
 * mechanism, biomarker and dosing cues are specific enough to count once.
 */
const TEXT: TagRule['fields'] = ['title', 'abstract', 'keywords'];

/** Response named as what something predicts: a biomarker finding, not an efficacy result. */
const PREDICTED_RESPONSE =
  /\b(?:predict\w*|predictors?\s+of|associated\s+with|correlat\w*\s+with|(?:bio)?markers?\s+of|moderat\w*)\s+(?:\w+[\s-]+){0,4}?(?:response|remission|responders?|efficacy|improvement|effects?)\b/gi;

const DEPRESSION_SCALES =
  /\b(?:MADRS|HAM-?D\w*|HDRS\w*|BDI(?:-II)?|QIDS\w*|PHQ-?9|EPDS|CDRS\w*|IDS-?SR\w*|SHAPS|CGI-?[SI]\w*|BSSI?|SSI|C-SSRS)\b|\bMontgomery[- ](?:Å|A)sberg\b|\bHamilton\s+(?:Depression|Rating Scale for Depression)\b|\bBeck\s+(?:Depression|Scale for Suicid\w*)\b|\bEdinburgh\s+Postnatal\b|\bPatient Health Questionnaire\b|\bQuick Inventory of Depressive\b/;

export const topicRules: TagRule<string>[] = [
  {
    id: 'topic.mechanism.named-mechanism',
    tag: 'mechanism',
    label: 'mechanism of action',
    fields: TEXT,
    patterns: [
      /\bmechanisms?\s+(?:of|underlying|by which|involved|behind|for)\b|\bmechanistic(?:ally)?\b|\bneuro-?mechanisms?\b|\bneurobiolog\w*/i,
      /\bsynap(?:tic|togenesis|ses)\b|\bneuro-?plastic\w*|\bplasticity\b|\blong-term potentiation\b|\bLTP\b/i,
      /\bBDNF\b|\bbrain[- ]derived neurotrophic\b|\bmTOR\w*|\bAMPA\w*|\bTrkB\b|\bGSK-?3\w*|\bneurotroph\w*|\bNGF\b|\bnerve growth factor\b/i,
      /\b(?:functional|effective|resting[- ]state|structural|network|thalamocortical|fronto-?striatal)\s+connectivity\b|\bneural\s+(?:correlates|circuits?|activity|dynamics|oscillations|networks?|plasticity)\b|\bbrain\s+(?:networks?|activity|function|states?|circuitry|structure|metabolism)\b|\bcircuitry\b|\bwhite\s+matter\b|\bglucose\s+metabolism\b/i,
      /\bglutamat(?:e|ergic)\s+(?:\w+\s+)?(?:levels?|release|neurotransmission|signal\w*|activity|concentrations?|transmission|pathways?)\b|\bGlx\b|\bGABA\w*|\bexcitation\s*\/\s*inhibition\b|\bexcitatory\s*\/\s*inhibitory\b|\bE\/I\b/i,
      /\b(?:inflammat\w*|cytokines?|kynurenine|metabolomic\w*|transcriptom\w*|epigenetic\w*|methylation|gene expression)\b|\b(?:signal\w*|molecular|metabolic|kynurenine|inflammatory|biological|neurotransmitter)\s+pathways?\b/i,
    ],
    mesh: ['Neuronal Plasticity', 'Brain-Derived Neurotrophic Factor'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND],
    precedence: 0,
    rationale: 'How ketamine works: glutamate, NMDA/AMPA, plasticity, BDNF, mTOR, circuits and connectivity.',
  },
  {
    id: 'topic.efficacy.outcome',
    tag: 'efficacy',
    label: 'response, remission, symptom change or onset',
    fields: TEXT,
    patterns: [
      /\befficac\w*|\beffectiveness\b|\b(?:was|were|is|be|as|more|less|equally|highly)\s+effective\b|\bnon-?inferior\w*/i,
      /\b(?:response|remission)\s+(?:rates?|criteri\w*)\b|\bremi(?:ssion|tted|tters?)\b|\bresponders?\b|\bresponded\b|\b(?:treatment|antidepressant|clinical)\s+response\b|\bresponse\s+to\s+(?:treatment|ketamine|esketamine|therapy)\b/i,
      DEPRESSION_SCALES,
      /\b(?:improv\w*|reduc\w*|decreas\w*|alleviat\w*|relie(?:f|ved?)|ameliorat\w*)\s+(?:\w+[\s,-]+){0,5}?(?:depress\w*|symptoms?|suicidal\w*|anhedoni\w*|mood|hopelessness)\b|\bsymptom(?:atic)?\s+(?:improvement|relief|reduction|change|severity)\b/i,
      /\b(?:reduc\w*|lower\w*|decreas\w*|prevent\w*)\s+(?:the\s+)?(?:incidence|risk|occurrence|prevalence|rates?)\s+of\s+(?:\w+\s+){0,2}?(?:depress\w*|PPD|PND|suicid\w*)/i,
      /\bonset\s+of\s+(?:action|effects?|response|antidepressant)\b|\b(?:anti-?depressant|anti-?suicidal|anti-?anhedonic|anxiolytic)\s+(?:effects?|efficacy|response|actions?|properties|outcomes?)\b/i,
    ],
    mesh: ['Treatment Outcome'],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      OPENING_BACKGROUND,
      PREDICTED_RESPONSE,
      /\bcost[- ]effective\w*/gi,
    ],
    minMatches: 2,
    precedence: 0,
    rationale: 'Does it work: outcomes on depression scales, response, remission, speed of onset.',
  },
  {
    id: 'topic.safety.harms',
    tag: 'safety',
    label: 'adverse events, tolerability, abuse, cognition, cardiovascular or urological effects',
    fields: TEXT,
    patterns: [
      /\bsafety\b|\bsafe(?:ly)?\b|\btolera(?:bility|ted|ble)\b|\badverse\s+(?:events?|effects?|reactions?|outcomes?|drug)\b|\bside[- ]effects?\b|\bTEAEs?\b|\bharms\b|\bharm\s+(?:reporting|data|outcomes?)\b/i,
      /\bdissociation\b|\bdissociative\s+(?:symptoms?|effects?|states?|experiences?)\b|\bCADSS\b|\bpsychotomimetic\w*|\bpsychotic\s+symptoms\b|\bhallucinat\w*|\bmanic\s+switch|\baffective\s+switch/i,
      /\bblood\s+pressure\b|\bhypertensi\w*|\bha?emodynamic\w*|\bheart\s+rate\b|\bcardiovascular\s+(?:effects?|events?|safety|risk)\b/i,
      /\babuse\b|\bmisuse\b|\b(?:ketamine|drug|physical)\s+dependence\b|\bdependence\s+on\s+(?:ketamine|the drug)\b|\bdrug\s+liking\b|\baddiction\b/i,
      /\bcogniti(?:ve|on)\s+(?:\w+\s+)?(?:impairments?|functions?|functioning|effects?|safety|outcomes?|performance|deficits?|side|profile)\b|\bneurocognit\w*|\bmemory\s+(?:impairment|deficits?|function|recall)\b/i,
      /\burolog\w*|\bbladder\b|\bcystitis\b|\burinary\b|\bnausea\b|\bdizziness\b|\bvomiting\b|\bheadaches?\b|\bsedation\b/i,
    ],
    mesh: ['Drug-Related Side Effects and Adverse Reactions', 'Substance-Related Disorders'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    minMatches: 2,
    precedence: 0,
    rationale:
      'Is it safe: adverse events, dissociation, blood pressure, abuse and misuse, cognition, bladder.',
  },
  {
    id: 'topic.dosing.dose-question',
    tag: 'dosing',
    label: 'dose comparison, titration, frequency or pharmacokinetics',
    fields: TEXT,
    patterns: [
      /\bdos(?:e|ing)[- ](?:response|finding|ranging|titration|escalation|dependent(?:ly)?|optimi[sz]\w*|frequency|intervals?)\b|\bdose\s+(?:titration|escalation|adjustments?|levels)\b|\btitrat\w*/i,
      /\b(?:different|various|multiple|two|three|four|five|higher|lower|optimal|optimum|ideal|fixed|flexible|individuali[sz]ed|ascending|escalating)\s+(?:\w+\s+)?(?:doses|dosing|dosages?)\b|\b(?:optimal|ideal|effective)\s+dose\b/i,
      /\bpharmacokinetic\w*|\bpharmacodynamic\w*|\b(?:plasma|serum|blood)\s+(?:\w+\s+)?concentrations?\s+of\s+(?:ketamine|esketamine|norketamine)\b|\bnorketamine\b|\bhydroxynorketamine\b/i,
      /\bfrequency\s+of\s+(?:infusions?|administrations?|dosing|treatments?|sessions)\b|\b(?:infusion|dosing)\s+(?:frequency|schedules?|intervals?)\b|\b(?:lower|higher|slower|faster|different|shorter|longer)\s+infusion\s+(?:rates?|durations?)\b|\b(?:total|cumulative|daily|weekly)\s+(?:doses?|dosages?)\b/i,
    ],
    mesh: ['Dose-Response Relationship, Drug', 'Drug Administration Schedule'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 0,
    rationale:
      'Which dose and how often: studies that compare or tune doses or schedules, or measure drug levels.',
  },
  {
    id: 'topic.psychotherapy.combined',
    tag: 'psychotherapy',
    label: 'psychotherapy with ketamine',
    fields: TEXT,
    patterns: [
      /\bpsychotherap\w*|\bcognitive[- ]behaviou?ral\s+therap\w*|\bCBT\b|\bketamine[- ]assisted\s+(?:psycho)?therap\w*|\bKAP\b|\bKAT\b|\bpsychological\s+(?:therap\w*|support|interventions?|treatment)\b|\bpsychodynamic\b|\bmindfulness\b|\bintegration\s+sessions?\b|\bEMDR\b|\bbehaviou?ral\s+activation\b|\bcounsel+ing\b/i,
    ],
    mesh: ['Psychotherapy', 'Cognitive Behavioral Therapy'],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    minMatches: 2,
    precedence: 0,
    rationale: 'Ketamine combined with talking therapy: CBT, ketamine-assisted psychotherapy, integration.',
  },
  {
    id: 'topic.regulation-access.policy',
    tag: 'regulation-access',
    label: 'approval, off-label use, cost, access, clinics or equity',
    fields: TEXT,
    patterns: [
      /\bFDA\b|\bFood and Drug Administration\b|\bEuropean Medicines Agency\b|\bregulator(?:y|s)\b|\bREMS\b|\bRisk Evaluation and Mitigation\b|\boff-?label\b|\bcompassionate\s+use\b|\b(?:early|expanded)\s+access\b|\bapprov\w*\s+(?:by|in)\s+(?:the\s+)?(?:US|U\.S\.|EU|European|several|many|\d+)\b/i,
      /\bcost[- ]?effective\w*|\bcosts?\s+(?:of\s+(?:treatment|care|ketamine|esketamine)|savings|analysis|burden|barriers?)\b|\b(?:health\s*care|treatment|direct|medical)\s+costs?\b|\bcostly\b|\bexpensive\b|\binsurance\b|\binsured\b|\breimburs\w*|\baffordab\w*|\bprices?\b|\bhealth[- ]economic\w*/i,
      /\baccess(?:ibility|ible)?\b|\bbarriers?\b|\bequit(?:y|able)\b|\bdiversity\b|\b(?:racial|ethnic|socioeconomic|health)\s+disparit\w*|\bunderrepresent\w*|\bMedicaid\b|\bMedicare\b/i,
      /\btele(?:health|medicine|psychiatry)\b|\bat-home\b|\b(?:ketamine|esketamine|spravato|infusion)\s+(?:clinics?|treatment\s+programs?|treatment\s+programmes?|treatment\s+centers?|treatment\s+centres?|services?)\b|\bcommunity[- ]based\s+(?:clinic|center|centre)\b/i,
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\b(?:ethic\w*|IRB|committee|institutional review board)\s+(?:\w+\s+){0,3}?approv\w*|\bapprov\w*\s+by\s+(?:the\s+)?(?:\w+\s+){0,5}?(?:ethic\w*|committee|board|IRB)\b|\bprotocol\b[^.]{0,60}\bapprov\w*|\baccess(?:ed)?\s+(?:to\s+)?(?:the\s+)?(?:data|database|records|full texts?)\b/gi,
    ],
    minMatches: 2,
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
      /\b(?:over|for|after|at|through|up to|during|within|lasting|across|spanning|until)\s+(?:a\s+|the\s+|least\s+)?(?:[3-9]|1\d|2\d|three|four|five|six|nine|twelve|eighteen|twenty-four)[- ]months?\b|\b(?:over|for|after|at|through|up to|during|within|lasting|across|spanning|until)\s+(?:a\s+|the\s+|least\s+)?(?:\d+|one|two|three|five)[- ]years?\b/i,
      /\b(?:[3-9]|1\d|2\d|three|six|nine|twelve|eighteen)[- ]month\s+(?:follow-?up|maintenance|period|course|observation|treatment|outcomes?)\b|\b\d+[- ]year\s+follow-?up\b|\bfollow-?ups?\s+(?:\w+\s+){0,3}?(?:[3-9]|1\d|2\d|three|six|nine|twelve)\s+months?\b|\b(?:1[2-9]|[2-9]\d)[- ]weeks?\b|\b(?:[89]\d|[1-9]\d{2,})\s+days\b/i,
    ],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      OPENING_BACKGROUND,
      /\blong[- ]term\s+(?:\w+\s+){0,3}?(?:are|is|remain|remains)\s+(?:unknown|unclear|uncertain|not (?:yet )?known)\b/gi,
    ],
    minMatches: 2,
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
      /\bpredict\w*\s+(?:\w+[\s,-]+){0,6}?(?:response|remission|outcomes?|improvement|efficacy|benefit|responders?|non-?response)\b|\bpredictors?\b|\bpredictive\b|\b(?:improvement|response|remission|outcomes?)\s+(?:was|were)\s+(?:\w+\s+)?predicted\s+by\b/i,
      /\bmarkers?\s+of\s+(?:\w+\s+){0,2}?(?:response|remission|efficacy|outcome)\b/i,
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
    minMatches: 2,
    precedence: 0,
    rationale: 'Suicidal ideation or behaviour as an outcome or as the reason people were enrolled.',
  },
];
