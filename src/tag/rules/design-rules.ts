import type { DesignRule } from '../rule-types.ts';
import { FUTURE_OR_LIMIT_SENTENCE, OPENING_BACKGROUND } from './shared-patterns.ts';

/**
 * Design (one of), by precedence that follows how papers describe themselves: what a paper is (a letter, a
 * protocol, a review, a secondary analysis) outranks the designs it mentions. So a post hoc analysis of
 * trials is `secondary-analysis`, a protocol is a protocol even when it describes an RCT, meta-analyses win
 * over the trials they pool, and "randomized" alone (a randomized sample, earlier RCTs) is not an RCT.
 */
const TEXT: DesignRule['fields'] = ['title', 'abstract'];

/** Trials mentioned as other people's work, as future work, or as what the study was not. */
const OTHER_TRIALS = [
  FUTURE_OR_LIMIT_SENTENCE,
  /\b(?:previous|prior|recent|earlier|several|numerous|many|initial|published|existing|larger|future|further|more|additional|well-designed|rigorous|adequately powered|well-powered|large-scale|subsequent|pivotal)\s+(?:[\w-]+[\s,]+){0,3}?(?:randomi[sz]ed|placebo-controlled|RCTs?\b|controlled trials)(?:[\w\s,-]*?\b(?:trials?|studies|RCTs?)\b)?(?:\s*\(RCTs?\))?/gi,
  /\b(?:randomi[sz]ed\s+)?(?:controlled|control|clinical)\s+trials\s+(?:have|has|had|showed|show|demonstrated|reported|suggest\w*|found|indicate\w*|confirm\w*|established)\b/gi,
  /\b(?:rats|mice|animals|rodents|dams|pups|cells)\s+(?:were\s+)?randomly\b/gi,
  /\bemulat\w*\s+(?:a\s+)?(?:target\s+)?(?:randomi[sz]ed\s+)?trial\b|\btarget\s+trial\b/gi,
  /\bnon-?randomi[sz]ed\b|\bnot\s+(?:\w+\s+)?randomi[sz]ed\b|\bwithout\s+(?:[\w,]+\s+){0,3}?randomi[sz]ation\b/gi,
  /\bLIMITATIONS?\s*:[\s\S]*?(?=\b[A-Z][A-Z /&-]{3,}:\s|$)/g,
  /\b(?:we|they|the authors)\s+(?:have\s+)?previously\s+(?:\w+\s+)?(?:completed|conducted|reported|published|showed|shown|described|performed)\b[^.]*/gi,
];

/** "Review" in the sense of reading records, not literature. */
const RECORD_REVIEW =
  /\breview\w*\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:records|charts|files|notes)\b|\b(?:records|charts)\s+were\s+reviewed\b|\bchart\s+review\b|\bretrospective\s+review\b|\binstitutional\s+review\b|\breview\s+board\b|\bpeer[- ]review\w*/gi;

/** "Protocol" in the sense of a treatment procedure or a registration, not a protocol paper. */
const STUDY_PROTOCOL_NOT_PAPER =
  /\b(?:protocol|PROSPERO)\s+(?:\w+\s+)?(?:was\s+)?registered\b|\bregistered\s+(?:\w+\s+){0,3}?(?:in|on|with)\s+PROSPERO\b|\bPROSPERO\b|\bprotocol\s+registration\b|\b(?:clinical|treatment|standardi[sz]ed|infusion|dosing|novel|an(?:a)?esthesia|institutional|hospital|research|study-specific|REMS)\s+protocols?\b|\bamend\w*[^.]*protocol\b|\bprotocol\b[^.]*\bamend\w*|\b(?:completed|followed|adhered to|according to|per)\s+(?:the\s+)?(?:study\s+)?protocol\b/gi;

export const designRules: DesignRule[] = [
  {
    id: 'design.other.notice',
    tag: 'other',
    label: 'retraction notice, erratum or expression of concern',
    fields: ['title'],
    publicationTypes: ['Retraction of Publication', 'Published Erratum', 'Expression of Concern'],
    precedence: 100,
    rationale: 'A notice about another paper is not a study.',
  },
  {
    id: 'design.commentary.publication-type',
    tag: 'commentary',
    label: 'editorial, comment, letter or news',
    fields: ['title'],
    publicationTypes: ['Editorial', 'Comment', 'Letter', 'News', 'Newspaper Article'],
    precedence: 99,
    rationale: 'NLM indexes letters and editorials as such, whatever they discuss.',
  },
  {
    id: 'design.commentary.self-described',
    tag: 'commentary',
    label: 'letter to the editor, commentary, reply or column',
    fields: TEXT,
    patterns: [
      /^(?:comment(?:ary)?|reply|response|re|letter|editorial|correspondence)\b|\b(?:commentary|author(?:s'|s)? reply|letter to the editor|in reply to)\b/i,
      /\bthis\s+(?:letter|commentary|editorial|column)\b|\bin response to\s+(?:the|a)\s+(?:recent\s+)?(?:article|paper|study|letter)\b|\bwe read with (?:great )?interest\b|\bwe\s+(?:raise|highlight)\s+several\s+(?:points|concerns|issues)\b|\bregarding the (?:article|paper)\b/i,
    ],
    precedence: 95,
    rationale: 'A letter about a trial mentions the trial; the paper itself is commentary.',
  },
  {
    id: 'design.protocol.title',
    tag: 'protocol',
    label: '"protocol" or "design and rationale" in the title',
    fields: ['title'],
    patterns: [/\bprotocol\b|\bdesign and rationale\b|\brationale and design\b/i],
    publicationTypes: ['Clinical Trial Protocol'],
    negativePatterns: [STUDY_PROTOCOL_NOT_PAPER],
    precedence: 90,
    rationale: 'A protocol reports no results, even when it describes an RCT or a review.',
  },
  {
    id: 'design.systematic-review.indexed-or-title',
    tag: 'systematic-review',
    label: 'systematic review or meta-analysis (publication type or title)',
    fields: ['title'],
    patterns: [
      /\bsystematic(?:ally)?\s+(?:\w+\s+){0,2}?review\w*|\bmeta-?analy\w*|\bmeta\s+analy\w*|\bumbrella\s+review\b|\bscoping\s+review\b|\bmeta-?regression\b|\bevidence\s+synthesis\b|\bPRISMA\b/i,
    ],
    publicationTypes: ['Systematic Review', 'Meta-Analysis', 'Network Meta-Analysis'],
    precedence: 88,
    rationale: 'Reviews with a systematic method sit above the designs they pool.',
  },
  {
    id: 'design.narrative-review.self-described',
    tag: 'narrative-review',
    label: 'narrative review named as such',
    fields: TEXT,
    patterns: [/\bnarrative\s+review\b|\bnon-?systematic\s+review\b|\bcritical\s+review\b/i],
    precedence: 86,
    rationale:
      'Authors who call their review narrative did not pool studies systematically, even if they searched PubMed.',
  },
  {
    id: 'design.protocol.abstract',
    tag: 'protocol',
    label: 'a protocol or future-tense methods',
    fields: ['abstract'],
    patterns: [
      /\b(?:this|the present|our)\s+(?:\w+\s+)?protocol\b|\bstudy\s+protocol\b|\bprotocol\s+(?:describes|for\s+(?:a|an|the))\b/i,
      /\b(?:will\s+be|are\s+being|is\s+being)\s+(?:\w+\s+)?(?:randomi[sz]ed|recruited|enrolled|allocated|assigned|included)\b|\b(?:participants|patients|subjects|women|adults)\s+will\s+(?:be|receive|undergo|complete)\b|\bwe\s+(?:will|plan\s+to)\s+(?:recruit|enrol|enroll|randomi[sz]e|conduct|compare|assess|include)\b|\bis\s+(?:an\s+)?ongoing\b/i,
    ],
    negativePatterns: [STUDY_PROTOCOL_NOT_PAPER, FUTURE_OR_LIMIT_SENTENCE],
    precedence: 85,
    rationale: 'Methods in the future tense describe a study not yet done.',
  },
  {
    id: 'design.systematic-review.methods',
    tag: 'systematic-review',
    label: 'database search, PRISMA or pooled effect sizes',
    fields: ['abstract'],
    patterns: [
      /\bsystematic(?:ally)?\s+(?:\w+\s+){0,2}?(?:review\w*|search\w*|literature)\b|\bmeta-?analy\w*|\bPRISMA\b/i,
      /\b(?:searched|search(?:es)?|retrieved|screened)\s+(?:\w+[\s,/()-]+){0,8}?(?:PubMed|MEDLINE|Embase|EMBASE|Cochrane|PsycINFO|PsychINFO|PsycInfo|Web of Science|Scopus|CENTRAL|CINAHL|electronic databases?|databases?)\b/i,
      /\b(?:random|fixed)[- ]effects?\s+(?:model|meta)\w*|\bpooled\s+(?:estimates?|effect|odds|risk|mean|standardi[sz]ed|prevalence|SMD|RR|OR|results?|analysis of (?:\d+|\w+) (?:studies|trials))\b|\bI2\s*=|\bI\(2\)|\bfunnel plot/i,
      /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:\w+\s+){0,2}?(?:studies|trials|RCTs|articles|publications|reports)\s+(?:were|was|met|with|involving|including|comprising|encompassing)\b/i,
    ],
    negativePatterns: [
      /\b(?:previous|prior|recent|existing|several|earlier|published|many|other)\s+(?:\w+\s+){0,2}?(?:systematic reviews?|meta-analy\w*)|\b(?:in|from|of|by|on)\s+(?:\w+\s+){0,2}?(?:systematic reviews|meta-analyses)(?:\s+and\s+(?:systematic reviews|meta-analyses))?\b|\bmeta-analyses\s+(?:have|has|were|are)\b/gi,
      /\b(?:systematic\s+reviews?|meta-?analys[ie]s)\b[^.]{0,80}\b(?:have|has)\s+(?:\w+\s+)?(?:concluded|shown|found|suggested|demonstrated|reported)\b/gi,
      OPENING_BACKGROUND,
      STUDY_PROTOCOL_NOT_PAPER,
    ],
    precedence: 84,
    rationale: 'A stated search of databases or pooled effect sizes means a systematic method.',
  },
  {
    id: 'design.guideline.named',
    tag: 'guideline',
    label: 'guideline, consensus statement or recommendations',
    fields: ['title'],
    patterns: [
      /\bguidelines?\b|\bconsensus\s+(?:statement|recommendations?|guidelines?|report|panel)\b|\bposition\s+(?:statement|paper)\b|\brecommendations\s+(?:for|on|from)\b|\bexpert\s+consensus\b|\bDelphi\b/i,
    ],
    publicationTypes: ['Practice Guideline', 'Guideline', 'Consensus Development Conference'],
    precedence: 82,
    rationale: 'Guidance documents cite trials but are neither trials nor reviews.',
  },
  {
    id: 'design.qualitative.methods',
    tag: 'qualitative',
    label: 'interviews, thematic analysis or grounded theory',
    fields: TEXT,
    patterns: [
      /\bqualitative\s+(?:study|analysis|research|interviews?|design|methods?|approach|data|inquiry|exploration|evaluation)\b|\bthematic(?:al)?\s+analysis\b|\bgrounded\s+theory\b|\binterpretative\s+phenomenolog\w*|\bfocus\s+groups?\b|\bsemi-?structured\s+interviews\b[^.]{0,80}\banaly[sz]\w*/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 80,
    rationale: 'Analysis of what people said, even when the interviews came from a trial.',
  },
  {
    id: 'design.secondary-analysis.title',
    tag: 'secondary-analysis',
    label: 'secondary, post hoc or pooled analysis in the title',
    fields: ['title'],
    patterns: [
      /\bsecondary\s+analys[ie]s\b|\bpost[- ]?hoc\b|\bpooled\s+analys[ie]s\b|\bexploratory\s+analys[ie]s\b|\bre-?analys[ie]s\b|\bsub-?stud(?:y|ies)\b|\bintegrative\s+data\s+analysis\b|\brevisit\w*|\b(?:outcomes|results|findings)\s+from\s+(?:a|the)\s+(?:\w+[\s,-]+){0,4}?(?:trial|study)\b/i,
    ],
    precedence: 79,
    rationale: 'Analyses of data collected in earlier trials are secondary analyses, not new trials.',
  },
  {
    id: 'design.secondary-analysis.methods',
    tag: 'secondary-analysis',
    label: 'data drawn from earlier trials',
    fields: ['abstract'],
    patterns: [
      /\b(?:this|a|in\s+(?:this|a))\s+(?:\w+\s+){0,2}?(?:secondary|post[- ]?hoc|pooled|exploratory|ancillary|participant-level)\s+(?:\w+\s+)?(?:data\s+)?analys[ie]s\b|\b(?:secondary|post[- ]?hoc|pooled|exploratory)\s+(?:\w+\s+)?analys[ie]s\s+(?:of|from|using|was|were|compared|examined|included|assessed)\b|\bre-?analy[sz]\w*|\bsecondary\s+(?:publication|report)\b/i,
      /\bdata\s+(?:were|was)\s+(?:drawn|derived|obtained|taken|pooled|used|extracted)\s+from\b|\b(?:using|used|analy[sz]ed)\s+(?:\w+\s+){0,2}?data\s+(?:from|of)\s+(?:a|the|two|three|four|our|an|previous)\b|\bdata\s+from\s+(?:a|the|two|three|four|our|previous|an)\s+(?:\w+[\s,-]+){0,5}?(?:trials?|studies|RCTs?)\b/i,
      /\bsubset\s+of\s+(?:\w+\s+)?(?:participants|patients|subjects)\s+(?:from|of|in|enrolled)\b|\b(?:participants|patients|subjects|measures|samples|profiles|recordings|scans|assessments|results|outcomes|findings)\s+(?:\w+\s+){0,3}?(?:were\s+)?(?:(?:drawn|taken|obtained|came)\s+from|collected\s+(?:in|during|from)|from)\s+(?:(?:a|an|the|two|three|our|previous|earlier|prior)\s+)?(?:[\w-]+[\s,]+){0,5}?(?:trials?|RCTs?|studies)\b|\benrolled\s+in\s+(?:a|an|the|two)\s+(?:[\w-]+\s+){0,3}?(?:previous|prior|original|parent|larger|earlier|completed|multi-phase|clinical)\b|\bas\s+part\s+of\s+(?:a|the|an)\s+(?:\w+[\s,-]+){0,4}?(?:trial|RCT)\b|\bin\s+the\s+context\s+of\s+(?:a|an|the)\s+(?:[\w-]+[\s,]+){0,5}?trial\b/i,
      /\b[Dd]ata\s+from\s+(?:the\s+)?[A-Z][A-Z0-9]+[\w-]*|\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\s+(?:\(NCT\d+\)\s+)?was\s+an?\s+(?:[\w-]+[\s,]+){0,8}?(?:trial|study)\b/,
    ],
    negativePatterns: [
      /\bpost[- ]?hoc\s+(?:pairwise\s+)?(?:comparisons?|tests?|contrasts?|corrections?)\b|\b(?:and|with)\s+post[- ]?hoc\s+analyses\b|\bpost[- ]?hoc\s+analyses\s+(?:including|showed|revealed|indicated|suggested)\b/gi,
      /\b(?:secondary|post[- ]?hoc|exploratory)\s+analys[ie]s\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:observational|naturalistic|cohort|retrospective|registry|real-world)\b/gi,
      /\b(?:report|conducted|present|describe)\s+(?:an?\s+|the\s+)?(?:open-label\s+)?extension\b[^.]*|\b(?:participants|patients|subjects)\s+from\s+the\s+(?:original|parent|previous|preceding)\s+(?:\w+\s+)?(?:study|trial)\s+(?:were|was)\s+(?:eligible|invited|offered)\b/gi,
      FUTURE_OR_LIMIT_SENTENCE,
    ],
    precedence: 78,
    rationale: "Post hoc and pooled analyses reuse trial data; their design is not the trial's.",
  },
  {
    id: 'design.case-series.title',
    tag: 'case-series',
    label: '"case series" or several cases in the title',
    fields: ['title'],
    patterns: [
      /\bcase\s+series\b|(?<![\w-])(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|[3-9]|1[0-2])\s+(?:\w+\s+){0,2}?(?:cases|patients)\b/i,
    ],
    precedence: 82,
    rationale: 'Authors name case series in the title.',
  },
  {
    id: 'design.case-report.title',
    tag: 'case-report',
    label: '"case report" or one or two cases in the title',
    fields: ['title'],
    patterns: [
      /\bcase\s+reports?\b|\b(?:a|one|two)\s+(?:\w+\s+)?cases?\s+(?:of|with|report)\b|\bcase\s+study\b|:\s*a\s+case\b|\ba\s+patient\s+with\b/i,
    ],
    publicationTypes: ['Case Reports'],
    precedence: 81,
    rationale: 'One or two patients described in detail.',
  },
  {
    id: 'design.rct.indexed',
    tag: 'rct',
    label: 'indexed as a randomized controlled trial',
    fields: ['title'],
    publicationTypes: ['Randomized Controlled Trial'],
    mesh: ['Random Allocation'],
    precedence: 71,
    rationale: 'NLM indexers check randomisation.',
  },
  {
    id: 'design.rct.described',
    tag: 'rct',
    label: 'randomised allocation or a blinded placebo-controlled trial',
    fields: TEXT,
    patterns: [
      /\brandomi[sz]ed\s+(?:controlled|clinical|double|placebo|triple|single|parallel|crossover|cross-over|comparative|open|active|pilot|pragmatic|multi\w*|phase|psychoactive|midazolam|non-?inferiority|superiority|trial|study|design)\b|\brandomi[sz]ed,\s+(?:[\w-]+[\s,]+){0,6}?(?:trial|study|design)\b/i,
      /\b(?:were|was|being)\s+(?:\w+\s+)?randomi[sz]ed\b|\brandomly\s+(?:\w+\s+)?(?:assigned|allocated|divided|received|distributed|split|administered|inserted)\b|\brandomi[sz]ation\b|\brandom\s+(?:number|allocation|assignment)\b|\bRCT\b|\b(?:study|trial)\s+randomi[sz]ed\s+(?:\d+\s+)?(?:\w+\s+){0,2}?(?:patients|participants|subjects|adults|adolescents|women|individuals)\b/i,
      /\b(?:double|triple)[- ]blind(?:ed)?\b[^.]{0,60}\bplacebo[- ]controlled\b|\bplacebo[- ]controlled\b[^.]{0,60}\b(?:double|triple)[- ]blind(?:ed)?\b|\b(?:double|triple)[- ]blind(?:ed)?,?\s+(?:\w+[\s,-]+){0,3}?(?:cross-?over|controlled|comparative)\b/i,
    ],
    negativePatterns: OTHER_TRIALS,
    precedence: 70,
    rationale:
      'Random allocation, or a blinded placebo-controlled trial (randomised by convention); "randomized" alone, earlier RCTs and animal randomisation do not count.',
  },
  {
    id: 'design.case-series.abstract',
    tag: 'case-series',
    label: 'several patients described',
    fields: ['abstract'],
    patterns: [
      /\bcase\s+series\b|\b(?:we|here\s+we)\s+(?:\w+\s+){0,2}?(?:report|describe|present)\s+(?:three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+){0,2}?(?:cases|patients)\b|\b(?:three|four|five|six|seven|eight|nine)\s+(?:\w+\s+){0,2}?patients\s+(?:consented|were treated|received|underwent)\b/i,
    ],
    precedence: 65,
    rationale:
      'A handful of treated patients, described; outranks the retrospective or open-label wording around it.',
  },
  {
    id: 'design.case-report.abstract',
    tag: 'case-report',
    label: 'one or two patients described',
    fields: ['abstract'],
    patterns: [
      /\b(?:we|here\s+we|this\s+(?:report|paper))\s+(?:\w+\s+){0,2}?(?:report|describe|present)\s+(?:a|the|one|two)\s+(?:\w+\s+){0,3}?(?:case|cases|patient|woman|man|girl|boy)\b|\bcase\s+(?:presentation|description|report)\b|\ba\s+\d{1,3}-year-old\s+(?:\w+\s+)?(?:man|woman|male|female|patient|girl|boy|mother)\b|\bsingle[- ]case\b/i,
    ],
    precedence: 64,
    rationale: 'A single patient, described.',
  },
  {
    id: 'design.rct.blinded-or-placebo-arm',
    tag: 'rct',
    label: 'blinded or placebo-controlled comparison without stated randomisation',
    fields: TEXT,
    patterns: [
      /\bplacebo[- ]controlled\b|\bdouble[- ]blind(?:ed)?\b|\bcontrolled\s+(?:clinical\s+)?(?:trial|study)\b/i,
      /\b(?:or|versus|vs\.?|compared\s+(?:with|to))\s+(?:an?\s+)?(?:\w+\s+)?(?:placebo|saline)\b/i,
    ],
    negativePatterns: [...OTHER_TRIALS, /\bcontrolled\s+(?:abstinence|breathing|release)\b/gi],
    precedence: 63.5,
    rationale:
      'Controlled comparisons with a blind or a placebo arm are reported as trials and are randomised by convention; weaker than a stated randomisation.',
  },
  {
    id: 'design.observational.cross-sectional',
    tag: 'observational',
    label: 'cross-sectional or case-control study',
    fields: TEXT,
    patterns: [/\bcross-?sectional\b|\bcase-?control\b|\bprevalence\s+study\b/i],
    mesh: ['Cross-Sectional Studies', 'Case-Control Studies'],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\bcross-?sectional\s+(?:correlations?|associations?|relationships?|comparisons?)\b/gi,
    ],
    evidenceLevel: 4,
    levelReason: 'cross-sectional or case-control study: level 4',
    precedence: 63,
    rationale: 'A snapshot or a comparison of cases with controls; weaker than a cohort.',
  },
  {
    id: 'design.observational.real-world',
    tag: 'observational',
    label: 'retrospective, real-world, naturalistic or registry study',
    fields: TEXT,
    patterns: [
      /\bretrospective(?:ly)?\b|\bchart\s+review\b|\breal[- ]world\b|\breal-life\b|\bnaturalistic\s+(?:[\w-]+\s+){0,2}?(?:study|design|observation|sample|setting|cohort|follow-?up|comparison)\b|\bregistry\b|\bobservational\b|\bcohort\s+study\b|\bprogram(?:me)?\s+evaluation\b|\b(?:electronic\s+)?(?:health|medical)\s+records?\b|\bEHR\b|\bEMR\b|\bclaims\s+data\b|\bpharmacovigilance\b|\bFAERS\b|\bpost-?(?:marketing|approval)\b|\b(?:community|population)[- ]based\s+(?:study|sample|survey|cohort)\b|\bcommunity\s+(?:study|sample|survey)\b|\bpropensity\s+score/i,
    ],
    mesh: ['Retrospective Studies', 'Cohort Studies', 'Registries'],
    publicationTypes: ['Observational Study'],
    negativePatterns: [
      FUTURE_OR_LIMIT_SENTENCE,
      /\b(?:from|of)\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:trial|RCT)\b/gi,
      /\b(?:clinical\s+)?trials?\s+regist(?:ry|ration)\b|\bregistry\s+(?:number|identifier|ID)\b/gi,
    ],
    evidenceLevel: 3,
    levelReason: 'cohort or real-world observational study: level 3',
    precedence: 62,
    rationale: 'Routine-care data, looked at without assigning treatment.',
  },
  {
    id: 'design.non-randomized-trial.described',
    tag: 'non-randomized-trial',
    label: 'open-label, single-arm, pilot or phase I/II trial',
    fields: TEXT,
    patterns: [
      /\bopen[- ]label\b|\bsingle[- ]arm\b|\buncontrolled\s+(?:trial|study|pilot)\b|\bopen\s+(?:trial|study|pilot)\b|\bnon-?randomi[sz]ed\b/i,
      /\bpilot\s+(?:\w+\s+){0,2}?(?:trial|study)\b|\bproof[- ]of[- ](?:concept|principle)\s+(?:\w+\s+){0,2}?(?:trial|study)\b|\bfeasibility\s+(?:\w+\s+){0,2}?(?:trial|study)\b|\bphase\s+(?:I|II|1|2|IIa|IIb|1b|2a|2b|I\/II|1\/2)\s+(?:\w+\s+){0,2}?(?:trial|study)\b/i,
      /\b(?:all|each)\s+(?:\w+\s+)?(?:participants|patients|subjects)\s+(?:\w+\s+){0,2}?received\b|\bwithin[- ]subjects?\s+(?:design|study)\b|\bprospective\s+(?:\w+\s+){0,2}?(?:trial|interventional)\b|\bextension\s+(?:study|phase|trial)\b/i,
    ],
    publicationTypes: [
      'Clinical Trial',
      'Clinical Trial, Phase I',
      'Clinical Trial, Phase II',
      'Clinical Trial, Phase III',
      'Clinical Trial, Phase IV',
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE, ...OTHER_TRIALS.slice(1, 3)],
    precedence: 60,
    rationale:
      'Everyone gets the drug (open-label, single-arm); controlled but not randomised trials also land here.',
  },
  {
    id: 'design.non-randomized-trial.treated-group',
    tag: 'non-randomized-trial',
    label: 'everyone treated with the drug, no control',
    fields: ['abstract'],
    patterns: [
      /\b(?:patients|participants|subjects|adults|individuals|veterans|outpatients|inpatients)\s+(?:\S+\s+){0,12}?(?:received|were treated with|were administered|were given|underwent|completed)\s+(?:\S+\s+){0,7}?(?:infusions?|doses?|injections?|sessions?|treatments?|(?:es|ar)?ketamine)\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    precedence: 58,
    rationale: 'A treated group followed prospectively, with nothing said of a control or randomisation.',
  },
  {
    id: 'design.observational.group-comparison',
    tag: 'observational',
    label: 'people compared with controls without assigned treatment',
    fields: ['abstract'],
    patterns: [
      /\b(?:and|versus|vs\.?|compared\s+(?:with|to)|with)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)?\s*(?:\w+\s+){0,2}?(?:healthy\s+)?(?:controls|control\s+subjects|control\s+group|non-?users|comparison\s+group)\b/i,
      /\bcompared\s+(?:\w+\s+){0,2}?(?:frequent|current|chronic|former)\s+(?:\w+\s+)?(?:with|to)\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    evidenceLevel: 4,
    levelReason: 'case-control comparison: level 4',
    precedence: 56,
    rationale: 'Groups defined by a condition or exposure and compared, nobody assigned a treatment.',
  },
  {
    id: 'design.observational.cohort',
    tag: 'observational',
    label: 'cohort, survey or longitudinal study',
    fields: TEXT,
    patterns: [
      /\bcohort\b|\bsurvey\b|\bquestionnaire\s+study\b|\blongitudinal\s+(?:study|analysis|data)\b|\bprospective\s+study\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    evidenceLevel: 3,
    levelReason: 'cohort or longitudinal observational study: level 3',
    precedence: 55,
    rationale: 'People followed or surveyed without assigned treatment.',
  },
  {
    id: 'design.preclinical.animals-or-cells',
    tag: 'preclinical',
    label: 'animals or cells as the subjects',
    fields: TEXT,
    patterns: [
      /\b(?:rats?|mice|mouse|murine|rodents?|zebrafish|primates?|macaques?|monkeys?|piglets?|dams)\b(?=[^.]*\b(?:were|was|model|models|treated|received|given|exposed|subjected|injected|induced|showed)\b)|\bin\s+vitro\b|\bcell\s+(?:culture|lines?)\b|\banimal\s+models?\s+of\b|\bchronic\s+(?:unpredictable|mild|social\s+defeat)\s+(?:\w+\s+)?stress\b|\bCUMS\b|\bforced\s+swim\w*|\btail\s+suspension\b|\bsucrose\s+preference\b/i,
    ],
    mesh: [
      'Rats',
      'Mice',
      'Disease Models, Animal',
      'Rats, Sprague-Dawley',
      'Rats, Wistar',
      'Mice, Inbred C57BL',
    ],
    negativePatterns: [
      /\b(?:preclinical|animal|rodent)\s+(?:studies|data|evidence|research|findings|models|work)\s+(?:have|has|suggest\w*|show\w*|indicate\w*|demonstrat\w*|support\w*)\b|\b(?:in|from)\s+(?:animal|preclinical|rodent)\s+(?:models|studies)\b/gi,
    ],
    precedence: 45,
    rationale: 'Animal and in-vitro work informs mechanism but is the weakest clinical evidence.',
  },
  {
    id: 'design.narrative-review.title',
    tag: 'narrative-review',
    label: 'a review, overview or update by its title',
    fields: ['title'],
    patterns: [
      /\breview\b|\boverview\b|\bupdate\b|\bperspectives?\b|\bprimer\b|\bstate of the art\b|\bwhat (?:have we|do we)\b|\bcurrent\s+(?:evidence|status|knowledge)\b/i,
    ],
    publicationTypes: ['Review'],
    negativePatterns: [RECORD_REVIEW],
    precedence: 40,
    rationale: 'A review that does not state a systematic search.',
  },
  {
    id: 'design.narrative-review.abstract',
    tag: 'narrative-review',
    label: 'the abstract says it reviews the literature',
    fields: ['abstract'],
    patterns: [
      /\b(?:this|the present|our)\s+(?:\w+\s+)?review\b|\bwe\s+(?:\w+\s+)?review(?:ed)?\b|\breview(?:s|ed)?\s+(?:the\s+)?(?:current|recent|available|existing)?\s*(?:literature|evidence)\b|\bliterature\s+review\b|\bthis\s+article\s+(?:\w+\s+)?(?:reviews|summari[sz]es|discusses|offers|provides|describes|examines)\b/i,
    ],
    negativePatterns: [RECORD_REVIEW],
    precedence: 39,
    rationale: 'A review that does not state a systematic search.',
  },
  {
    id: 'design.commentary.opinion',
    tag: 'commentary',
    label: 'viewpoint or opinion',
    fields: TEXT,
    patterns: [/\bviewpoint\b|\bopinion\b|\beditorial\b|\bcommentary\b/i],
    precedence: 35,
    rationale: 'Opinion pieces without their own data.',
  },
  {
    id: 'design.observational.people-measured',
    tag: 'observational',
    label: 'people measured or associations examined',
    fields: ['abstract'],
    patterns: [
      /\b(?:were|was)\s+(?:\w+\s+)?(?:evaluated|assessed|examined|studied|recruited|followed|measured|screened|interviewed|determined|analy[sz]ed)\b|\b(?:associations?|correlations?|relationships?)\s+(?:between|of)\b/i,
    ],
    negativePatterns: [FUTURE_OR_LIMIT_SENTENCE],
    evidenceLevel: 3,
    levelReason: 'observational study: level 3',
    precedence: 30,
    rationale:
      'When nothing else is said, people measured without an assigned treatment are an observational study.',
  },
];
