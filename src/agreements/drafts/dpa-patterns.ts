import type { ContentItem } from '../agreement-terms';
import type { ReaderLanguage } from './dpa-language.util';

/**
 * What the reader looks for, per language: data, not code, so that a sixth phrasing is one more alternative here.
 * Every pattern is matched case-insensitively against one sentence. `\p{L}`-aware boundaries are used because `\b`
 * does not know that "ø" or "ä" is a letter.
 */
export interface TermPatterns {
  /** A personal data breach named as such ("personal data breach", "brudd på personopplysningssikkerheten"). */
  breachStrong: RegExp;
  /** A breach or an incident named loosely ("breach", "bruddet", "Verstoß"). */
  breachWeak: RegExp;
  /** The processor tells the controller: a verb then the controller, "notification to the controller", a passive. */
  notifyController: RegExp[];
  /** Any word for notifying (to find the sentences around the duty that set its form or its time). */
  noticeWord: RegExp;
  /** A notice about an instruction that infringes the law (Art. 28(3)), not about a breach. */
  instructionConflict: RegExp;
  /** The supervisory authority or the data subjects: a duty or a number near them is the controller's, not ours. */
  authority: RegExp;
  immediately: RegExp;
  withoutUndueDelay: RegExp;
  /** Words that are read as "without undue delay", though they do not say it ("promptly", "snarest mulig"). */
  withoutUndueDelayLike: RegExp;
  /** A purpose clause ("so that the controller can report within 72 hours"): numbers after it are not ours. */
  purpose: RegExp;
  numberWords: Record<string, number>;
  /** Regex sources for the units of a duration. */
  units: { hours: string; days: string; businessDays: string };
  /** "if possible", "möglichst": the number is an aim, not a firm deadline. */
  ifPossible: RegExp;
  /** "of confirming", "nach Bestätigung": the clock starts at confirmation, not at awareness. */
  confirmation: RegExp;
  awareness: RegExp;
  /**
   * Another matter with its own period (an audit's notice, how long records are kept): a sentence beside the duty that
   * names one sets no limit of the breach notice.
   */
  otherMatter: RegExp;
  /** The processor informs only when the Art. 33/34 conditions are met (alfaview Clause 5). */
  art3334Conditions: RegExp;
  subprocessor: RegExp;
  contentItems: Record<ContentItem, RegExp>;
  /** A reference to Art. 33(3) as a whole; letters after it narrow it. */
  art333: RegExp;
  /** The content is owed only where there is a risk ("If the breach involves a risk ..."). */
  riskCondition: RegExp;
  phases: RegExp;
  writtenForm: RegExp;
  /** "written instructions", "skriftlig samtykke": written, but not the form of the notice. */
  writtenNotForm: RegExp;
  /** The processor may not tell third parties of a breach (Dotnet Internals 8.4). */
  thirdParties: RegExp;
  /**
   * The processor communicates under Art. 33/34 on the controller's behalf only on instruction (alfaview Clause 5):
   * a sentence that says "on behalf", "only" (or "except", "unless") and "instruction", in any order.
   */
  onBehalf: { onBehalf: RegExp; only: RegExp; instruction: RegExp };
  /** The controller named. */
  controller: RegExp;
  assistance: RegExp;
  pay: { 'hourly-rates': RegExp; 'documented-costs': RegExp; none: RegExp };
  /** Assistance with audits, returning or deleting data: its price is not the price of breach assistance. */
  assistanceElsewhere: RegExp;
  /** A sentence, clause or section is about breaches or Art. 32–36. */
  breachContext: RegExp;
  contactLabels: { phone: RegExp; email: RegExp; address: RegExp; name: RegExp };
  /** Governing law: group 1 names the country or its adjective. */
  governingLaw: RegExp;
  /** A national data protection act named. */
  dataProtectionAct: RegExp;
  /** Language names: each maps to a reader language. */
  languageNames: Record<string, ReaderLanguage>;
  /** A sentence about the agreement's language versions. */
  languageVersions: RegExp;
  /** The marker after a party's name that makes it the processor: "(data processor)", "hereinafter Contractor". */
  processorRole: RegExp;
  /** "between ... and": the processor is then the second party. */
  between: RegExp;
  /** Words for the agreement itself, to find its title. */
  agreementWord: RegExp;
}

/** A letter-aware alternation: none of the words may be part of a longer word. */
function words(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'iu');
}

/** A letter-aware alternation that may run on into a longer word ("informier" for "informieren"). */
function stems(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})`, 'iu');
}

/** Any characters within one sentence part, lazily, up to n. */
const gap = (n: number) => `[^.;:]{0,${n}}?`;

const EN: TermPatterns = {
  breachStrong: words(
    'personal[- ]data breach(?:es)?',
    'breach(?:es)? of (?:the )?(?:personal[- ]data )?(?:data )?security',
    'breach(?:es)? of (?:the )?personal[- ]data',
    'breach(?:es)? of the security of (?:the )?personal[- ]data',
    'security breach(?:es)?',
    'data breach(?:es)?',
    'security incidents?',
    'personal[- ]data incidents?',
  ),
  breachWeak: words('breach(?:es)?', 'incidents?'),
  notifyController: [
    new RegExp(
      `(?<![\\p{L}])(?:notify|notifies|notified|inform|informs|alert|alerts|advise|advises|tell|warn|report(?:s)? to)(?![\\p{L}])${gap(60)}(?<![\\p{L}])(?:(?:the )?(?:data )?controller|customer|client|you)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:notification|notice|report|message)s?\\s+(?:${gap(30)}\\s)?to\\s+the\\s+(?:data\\s+)?(?:controller|customer|client)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:controller|customer|client)\\s+(?:shall|must|will|is to)\\s+be\\s+(?:notified|informed|alerted|advised)`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:reported|notified|communicated|sent|given|delivered)\\s+to\\s+the\\s+(?:data\\s+)?(?:controller|customer|client)(?![\\p{L}])`,
      'iu',
    ),
  ],
  noticeWord: stems('notif', 'inform', 'notice', 'report', 'alert'),
  instructionConflict: new RegExp(
    `instructions?${gap(80)}(?:in breach of|infring|conflict|violat|contrary to)|(?:infring|conflict|violat)${gap(80)}instruction`,
    'iu',
  ),
  authority: words(
    'supervisory authorit(?:y|ies)',
    'data protection authorit(?:y|ies)',
    'Datatilsynet',
    'the authorit(?:y|ies)',
    'data subjects?',
  ),
  immediately: words('immediately', 'forthwith', 'without delay', 'at once', 'straight away'),
  withoutUndueDelay: words('without undue delay', 'without unreasonable delay', 'without unnecessary delay'),
  withoutUndueDelayLike: words('promptly', 'as soon as (?:reasonably )?(?:possible|practicable|feasible)'),
  purpose: words(
    'so that',
    'in order (?:to|that)',
    'to enable',
    'to allow',
    'enabling',
    'allowing',
    'so as to',
  ),
  numberWords: {
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    twelve: 12,
    twenty: 20,
    'twenty-four': 24,
    'twenty four': 24,
    'thirty-six': 36,
    'thirty six': 36,
    'forty-eight': 48,
    'forty eight': 48,
    'seventy-two': 72,
    'seventy two': 72,
  },
  units: {
    hours: 'hours?|hrs?\\.?|h',
    days: '(?:calendar )?days?',
    businessDays: '(?:business|working|banking|work) ?days?',
  },
  ifPossible: words(
    'if (?:at all )?possible',
    'where possible',
    'whenever possible',
    'if feasible',
    'where feasible',
    'to the extent possible',
    'if practicable',
    'where practicable',
    'endeavou?r(?:s)? to',
    '(?:use )?(?:all )?reasonable efforts',
    'aim(?:s)? to',
    'strive(?:s)? to',
  ),
  confirmation: stems('confirm', 'verif'),
  otherMatter: stems('audit', 'inspect', 'retain', 'retention', 'stored', 'kept', 'delet', 'terminat'),
  awareness: stems('aware', 'discover', 'detect', 'uncover', 'learn', 'knowledge'),
  art3334Conditions: new RegExp(
    [
      `(?:conditions|requirements) (?:of|in|under|set out in|laid down in|for)${gap(30)}Art(?:icle|\\.)?s?\\s*33`,
      '(?:is|are) likely to result in a (?:high )?risk',
      'likely to (?:result in|pose) a (?:high )?risk',
      'notifiable',
      'must be (?:notified|reported) to the supervisory authority',
      'subject to (?:the )?(?:notification|reporting) (?:obligation|duty|requirement)s? (?:of|under) Art',
    ].join('|'),
    'iu',
  ),
  subprocessor: words(
    'sub-?processors?',
    'sub-?data[- ]processors?',
    'sub-?contractors?',
    'further processors?',
    'sub-?processing',
  ),
  contentItems: {
    a: words(
      'nature of the (?:personal[- ]data )?breach',
      'nature of the breach',
      'categories and (?:the )?approximate numbers?',
      'description of the (?:personal[- ]data )?breach',
    ),
    b: words(
      '(?:name and )?contact details of the (?:data protection officer|DPO)',
      'data protection officer',
      'DPO',
      'other contact point',
      'contact point (?:from )?where more information',
    ),
    c: words('(?:likely|possible|probable) consequences'),
    d: words(
      'measures (?:taken|proposed|adopted)',
      'remedial (?:measures|actions?)',
      'measures to (?:address|mitigate|remedy)',
    ),
  },
  art333: new RegExp(
    `Art(?:icle|\\.)?\\s*33\\s*(?:\\(3\\)|\\.\\s*3(?!\\d)|,?\\s*(?:no\\.?|para(?:graph)?\\.?|nr\\.?)\\s*3(?!\\d))`,
    'iu',
  ),
  riskCondition: new RegExp(
    `(?<![\\p{L}])(?:if|where|when|in case|insofar as|to the extent)(?![\\p{L}]).{0,100}?(?:risk|Art(?:icle|\\.)?\\s*34|data subjects? must be (?:notified|informed))`,
    'iu',
  ),
  phases: words(
    'in phases',
    'in stages',
    'phased',
    'in instal+ments',
    'incrementally',
    'step by step',
    'as (?:and when )?(?:it|the information|they|further information) becomes? available',
    'progressively',
  ),
  writtenForm: words('in writing', 'in written form', 'written (?:notice|notification)', 'in text form'),
  writtenNotForm: words(
    '(?:express |prior |documented )?written (?:instructions?|consent|approval|authori[sz]ation|agreement|request)',
  ),
  thirdParties: new RegExp(
    [
      `(?:may|shall|must|will) not${gap(20)}(?:inform|notify|disclose|communicate|tell|report)${gap(80)}third[- ]part`,
      `(?:not|never) (?:be )?(?:disclosed|communicated|reported)${gap(20)}to (?:any )?third[- ]part`,
      `third[- ]part(?:y|ies)${gap(60)}(?:only|solely) (?:with|on|upon|after|in accordance with)${gap(40)}(?:instruction|consent|approval)`,
    ].join('|'),
    'iu',
  ),
  onBehalf: {
    onBehalf: words("on (?:the )?(?:behalf of|(?:data )?controller'?s behalf|customer'?s behalf|its behalf)"),
    only: words('only', 'solely', 'exclusively', 'except', 'unless', 'save'),
    instruction: stems('instruct', 'authori[sz]', 'approv', 'consent'),
  },
  controller: words('(?:data )?controller', 'customer', 'client'),
  assistance: stems('assist', 'support', 'help', 'cooperat'),
  pay: {
    'hourly-rates': words('hourly (?:rates?|fees?|prices?)', 'per hour', 'time and materials?', 'time spent'),
    'documented-costs': new RegExp(
      [
        '(?:documented|proven|demonstrable|evidenced|verifiable|actual) (?:costs?|expenses)',
        '(?:costs?|expenses)[^.]{0,60}(?:proven|documented|demonstrated|evidenced)',
        'reimburse',
      ].join('|'),
      'iu',
    ),
    none: words(
      'free of charge',
      'at no (?:additional |extra |separate )?(?:cost|charge)',
      'without (?:additional |extra |separate )?(?:charge|cost|remuneration|compensation|fee)',
      'no (?:additional |separate |extra )?(?:fee|charge|remuneration)',
      'included in the (?:fees?|price|remuneration)',
    ),
  },
  assistanceElsewhere: words(
    'audits?',
    'inspections?',
    'return of (?:the )?(?:personal )?data',
    'deletion',
    'erasure',
  ),
  breachContext: new RegExp(
    `(?<![\\p{L}])(?:breach|incident)|Art(?:icles?|s?\\.)?\\s*3[2-6](?!\\d)|32\\s*(?:-|–|to)\\s*36`,
    'iu',
  ),
  contactLabels: {
    phone: words('phone', 'telephone', 'tel\\.?', 'mobile'),
    email: words('e-?mail'),
    address: words('address', 'postal address'),
    name: words('name', 'contact person'),
  },
  governingLaw: new RegExp(
    [
      '(?:governed by|subject to|construed in accordance with) (?:the )?(?:laws? of (?:the )?(?:Kingdom of )?)?([A-Z][a-z]+)',
      '([A-Z][a-z]+) law (?:is|shall be|applies|shall apply)',
      'laws? of (?:the )?(?:Kingdom of |Federal Republic of )?([A-Z][a-z]+) (?:shall )?(?:apply|applies|govern)',
    ].join('|'),
    'u',
  ),
  dataProtectionAct: words(
    '(?:Norwegian |Danish |Swedish |German |national )?(?:Personal Data|Data Protection) Act',
    'personopplysningsloven',
    'databeskyttelsesloven',
    'dataskyddslagen',
    'Bundesdatenschutzgesetz',
    'BDSG',
  ),
  languageNames: { english: 'en', norwegian: 'nb', danish: 'da', swedish: 'sv', german: 'de' },
  languageVersions: words(
    'versions?',
    'languages?',
    'copies',
    'signed',
    'executed',
    'prevail',
    'binding',
    'counterparts',
  ),
  processorRole: new RegExp(
    [
      `\\((?:hereinafter )?(?:referred to as |called )?(?:the )?["“]?(?:data )?processor["”]?\\)`,
      `hereinafter (?:referred to as |called )?(?:the )?["“]?(?:data )?processor`,
      `hereinafter (?:referred to as |called )?(?:the )?["“]?contractor`,
      `\\((?:hereinafter )?(?:referred to as |called )?(?:the )?["“]?(?:contractor|supplier|vendor|provider)["”]?\\)`,
    ].join('|'),
    'iu',
  ),
  between: words('between'),
  agreementWord: stems('agreement', 'dpa', 'addendum', 'contract'),
};

const NB: TermPatterns = {
  breachStrong: stems(
    'brudd på personopplysningssikkerhet',
    'brudd på (?:person)?(?:data|opplysnings)?sikkerhet',
    'sikkerhetsbrudd',
    'personvernbrudd',
    'avvik(?:et|ene)?(?![\\p{L}])',
  ),
  breachWeak: words('brudd(?:et|ene)?', 'hendelsen', 'hendelser?', 'sikkerhetshendelser?'),
  notifyController: [
    new RegExp(
      `(?<![\\p{L}])(?:underrette|underretter|varsle|varsler|informere|informerer|melde(?:r)?(?: fra)?(?: om)?|gi (?:beskjed|melding|varsel)|orientere|rapportere)(?![\\p{L}])${gap(60)}(?<![\\p{L}])(?:(?:den )?behandlingsansvarlige?|kunden|oppdragsgiver(?:en)?|(?:den )?dataansvarlige)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(`(?<![\\p{L}])gi (?:den )?(?:behandlingsansvarlige|kunden) (?:beskjed|melding|varsel)`, 'iu'),
    new RegExp(
      `(?<![\\p{L}])(?:varsel(?:et)?|melding(?:en)?|underretning(?:en)?|varsling(?:en)?)\\s+(?:${gap(30)}\\s)?til (?:den )?(?:behandlingsansvarlige|kunden|dataansvarlige)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:behandlingsansvarlige?|kunden)\\s+(?:skal|må)\\s+(?:\\p{L}+\\s+)?(?:varsles|underrettes|informeres)`,
      'iu',
    ),
  ],
  noticeWord: stems('varsl', 'varsel', 'underrett', 'informer', 'meld', 'orienter'),
  instructionConflict: new RegExp(`instruks${gap(80)}(?:i strid med|strider mot|bryter)`, 'iu'),
  authority: words('tilsynsmyndighet(?:en|er)?', 'Datatilsynet', 'de registrerte', 'myndighet(?:en|ene|er)?'),
  immediately: words('straks', 'umiddelbart', 'omgående', 'uten opphold', 'uten forsinkelse', 'øyeblikkelig'),
  withoutUndueDelay: words(
    'uten ugrunnet opphold',
    'uten unødig opphold',
    'uten unødvendig opphold',
    'uten ugrunnet forsinkelse',
    'uten unødig forsinkelse',
  ),
  withoutUndueDelayLike: words('snarest mulig', 'så snart som mulig', 'snarest'),
  purpose: words('slik at', 'for at', 'for å', 'med sikte på'),
  numberWords: {
    en: 1,
    ett: 1,
    én: 1,
    to: 2,
    tre: 3,
    fire: 4,
    fem: 5,
    seks: 6,
    sju: 7,
    syv: 7,
    åtte: 8,
    ni: 9,
    ti: 10,
    tolv: 12,
    tjue: 20,
    tjuefire: 24,
    fireogtjue: 24,
    trettiseks: 36,
    seksogtretti: 36,
    førtiåtte: 48,
    åtteogførti: 48,
    syttito: 72,
    toogsytti: 72,
  },
  units: {
    hours: 'timer?|t',
    days: '(?:kalender)?dager?|døgn',
    businessDays: 'virkedager?|arbeidsdager?|yrkedager?',
  },
  ifPossible: words(
    'om mulig',
    'hvis mulig',
    'dersom mulig',
    'så vidt mulig',
    'der det er mulig',
    'når det er mulig',
    'helst',
    'tilstrebe',
    'bestrebe seg på',
  ),
  confirmation: stems('bekreft', 'verifiser'),
  otherMatter: stems('revisjon', 'oppbevar', 'lagr', 'slett', 'oppsigelse'),
  awareness: stems('kjent', 'oppdag', 'avdekk', 'kjennskap', 'klar over'),
  art3334Conditions: new RegExp(
    [
      `vilkårene${gap(40)}art(?:ikkel|\\.)?\\s*33`,
      'sannsynligvis vil medføre (?:en )?(?:høy )?risiko',
      'skal (?:meldes|varsles) til (?:tilsynsmyndigheten|Datatilsynet)',
      'meldepliktig',
    ].join('|'),
    'iu',
  ),
  subprocessor: stems('underdatabehandler', 'underleverandør'),
  contentItems: {
    a: stems(
      'bruddets (?:art|karakter)',
      'arten av bruddet',
      'kategorier(?:ne)? og (?:det )?omtrentlig(?:e)? antall',
      'beskrivelse av (?:bruddet|avviket)',
    ),
    b: stems('personvernombud', 'kontaktpunkt'),
    c: stems('(?:sannsynlige|mulige|antatte) (?:konsekvens|følge)'),
    d: stems(
      'tiltak som er (?:truffet|iverksatt|gjennomført) eller (?:foreslått|planlagt)',
      '(?:iverksatte|foreslåtte|planlagte) tiltak',
      'tiltak for å (?:håndtere|begrense|redusere|avhjelpe)',
    ),
  },
  art333: new RegExp(`art(?:ikkel|\\.)?\\s*33\\s*(?:nr\\.?\\s*3(?!\\d)|\\(3\\)|\\.\\s*3(?!\\d))`, 'iu'),
  riskCondition: new RegExp(
    `(?<![\\p{L}])(?:dersom|hvis|om|når|der)(?![\\p{L}]).{0,100}?(?:risiko|artikkel 34|de registrerte)`,
    'iu',
  ),
  phases: words(
    'i faser',
    'trinnvis',
    'stegvis',
    'etappevis',
    'etter hvert som (?:informasjonen|opplysningene)',
  ),
  writtenForm: words('skriftlig(?:e|t)?', 'skriftlig form'),
  writtenNotForm: words(
    '(?:forutgående |uttrykkelig(?:e)? )?skriftlig(?:e)? (?:instruks(?:er)?|samtykke|godkjenning|avtale|forespørsel)',
  ),
  thirdParties: new RegExp(
    [
      `(?:kan|skal|må|får) ikke${gap(20)}(?:informere|varsle|underrette|opplyse|meddele|gi)${gap(80)}tredjepart`,
      `tredjepart(?:er)?${gap(60)}(?:kun|bare) (?:etter|med|ved|i samsvar med)${gap(40)}(?:instruks|samtykke|godkjenning)`,
    ].join('|'),
    'iu',
  ),
  onBehalf: {
    onBehalf: words('på vegne av'),
    only: words('kun', 'bare', 'utelukkende', 'med mindre', 'unntatt'),
    instruction: stems('instruks', 'instruert', 'godkjenning', 'samtykke'),
  },
  controller: stems('behandlingsansvarlig', 'kunden', 'oppdragsgiver'),
  assistance: stems('bistand', 'bistå', 'assistanse', 'hjelp', 'støtte'),
  pay: {
    'hourly-rates': stems('timepris', 'timesats', 'per time(?![\\p{L}])', 'medgått tid'),
    'documented-costs': stems(
      'dokumenterte (?:kostnader|utgifter)',
      'påviste (?:kostnader|utgifter)',
      'faktiske (?:kostnader|utgifter)',
      'refusjon',
      'refundert',
    ),
    none: stems(
      'vederlagsfri',
      'uten (?:ekstra |særskilt )?(?:kostnad|vederlag|betaling)',
      'kostnadsfri',
      'inngår i (?:prisen|vederlaget)',
    ),
  },
  assistanceElsewhere: stems('revisjon', 'kontroll', 'inspeksjon', 'tilbakelevering', 'sletting'),
  breachContext: new RegExp(`brudd|avvik|art(?:ikkel|\\.)?\\s*3[2-6](?!\\d)|32\\s*(?:-|–|til)\\s*36`, 'iu'),
  contactLabels: {
    phone: words('telefon', 'tlf\\.?', 'mobil'),
    email: words('e-?post', 'e-?mail'),
    address: words('adresse', 'postadresse'),
    name: words('navn', 'kontaktperson'),
  },
  governingLaw: new RegExp(
    '(?:underlagt|reguleres av|regulert av|følger|gjelder|etter) (norsk|dansk|svensk|tysk|engelsk) (?:rett|lov)',
    'iu',
  ),
  dataProtectionAct: words('personopplysningsloven', 'personvernloven'),
  languageNames: { engelsk: 'en', norsk: 'nb', dansk: 'da', svensk: 'sv', tysk: 'de' },
  languageVersions: stems('versjon', 'språk', 'eksemplar', 'undertegnet', 'gjeldende', 'går foran'),
  processorRole: new RegExp(
    '\\((?:heretter |heretter kalt )?[«"“]?databehandler(?:en)?[»"”]?\\)|heretter (?:kalt|omtalt som) [«"“]?databehandler',
    'iu',
  ),
  between: words('mellom'),
  agreementWord: stems('databehandleravtale', 'avtale'),
};

const DA: TermPatterns = {
  breachStrong: stems(
    'brud på persondatasikkerhed',
    'brud på (?:person)?(?:data|oplysnings)?sikkerhed',
    'sikkerhedsbrud',
    'persondatabrud',
  ),
  breachWeak: words('brud(?:det|dene)?', 'hændelsen', 'hændelser?', 'sikkerhedshændelser?'),
  notifyController: [
    new RegExp(
      `(?<![\\p{L}])(?:underrette|underretter|informere|informerer|give (?:meddelelse|besked|underretning)|meddele|orientere|anmelde|advisere)(?![\\p{L}])${gap(60)}(?<![\\p{L}])(?:(?:den )?dataansvarlige?|kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])give (?:den )?(?:dataansvarlige|kunden) (?:meddelelse|besked|underretning)`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:underretning(?:en)?|meddelelse(?:n)?|anmeldelse(?:n)?)\\s+(?:${gap(30)}\\s)?til (?:den )?(?:dataansvarlige|kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:dataansvarlige?|kunden)\\s+(?:skal|må)\\s+(?:\\p{L}+\\s+)?(?:underrettes|informeres|orienteres)`,
      'iu',
    ),
  ],
  noticeWord: stems('underret', 'informer', 'meddel', 'orienter', 'anmeld'),
  instructionConflict: new RegExp(`instruks${gap(80)}(?:i strid med|strider mod|overtræder)`, 'iu'),
  authority: words('tilsynsmyndighed(?:en|er)?', 'Datatilsynet', 'de registrerede', 'myndighed(?:en|er)?'),
  immediately: words(
    'straks',
    'omgående',
    'øjeblikkeligt',
    'uden ophold',
    'uden forsinkelse',
    'med det samme',
  ),
  withoutUndueDelay: words(
    'uden unødig forsinkelse',
    'uden unødigt ophold',
    'uden ugrundet ophold',
    'uden unødvendig forsinkelse',
  ),
  withoutUndueDelayLike: words('hurtigst muligt', 'snarest muligt', 'så hurtigt som muligt', 'snarest'),
  purpose: words('således at', 'så at', 'for at', 'med henblik på'),
  numberWords: {
    en: 1,
    et: 1,
    én: 1,
    to: 2,
    tre: 3,
    fire: 4,
    fem: 5,
    seks: 6,
    syv: 7,
    otte: 8,
    ni: 9,
    ti: 10,
    tolv: 12,
    tyve: 20,
    fireogtyve: 24,
    seksogtredive: 36,
    otteogfyrre: 48,
    tooghalvfjerds: 72,
  },
  units: {
    hours: 'timer?|t',
    days: '(?:kalender)?dage?|døgn',
    businessDays: 'arbejdsdage?|hverdage?|bankdage?',
  },
  ifPossible: words(
    'om muligt',
    'hvis muligt',
    'så vidt muligt',
    'såfremt (?:det er )?muligt',
    'når det er muligt',
    'hvor det er muligt',
    'helst',
    'bestræbe sig på',
  ),
  confirmation: stems('bekræft', 'verificer'),
  otherMatter: stems('revision', 'audit', 'inspektion', 'opbevar', 'gemme', 'slet', 'opsigelse'),
  awareness: stems('bekendt', 'opdag', 'kendskab', 'klar over', 'konstater'),
  art3334Conditions: new RegExp(
    [
      `betingelserne${gap(40)}art(?:ikel|\\.)?\\s*33`,
      'sandsynligvis (?:vil )?(?:indebære|medføre) (?:en )?(?:høj )?risiko',
      'skal anmeldes til (?:tilsynsmyndigheden|Datatilsynet)',
      'anmeldelsespligtig',
    ].join('|'),
    'iu',
  ),
  subprocessor: stems('underdatabehandler', 'underleverandør'),
  contentItems: {
    a: stems(
      'bruddets (?:art|karakter)',
      'karakteren af bruddet',
      'kategorierne og (?:det )?omtrentlige antal',
      'beskrivelse af bruddet',
    ),
    b: stems('databeskyttelsesrådgiver', 'kontaktpunkt'),
    c: stems('(?:sandsynlige|mulige) (?:konsekvens|følge)'),
    d: stems(
      'foranstaltninger,? (?:der|som) er (?:truffet|foreslået)',
      '(?:trufne|foreslåede|planlagte) foranstaltninger',
      'foranstaltninger til (?:at )?(?:håndtere|afhjælpe|begrænse)',
    ),
  },
  art333: new RegExp(`art(?:ikel|\\.)?\\s*33\\s*(?:,?\\s*stk\\.?\\s*3(?!\\d)|\\(3\\)|\\.\\s*3(?!\\d))`, 'iu'),
  riskCondition: new RegExp(
    `(?<![\\p{L}])(?:hvis|såfremt|når|dersom|om)(?![\\p{L}]).{0,100}?(?:risiko|artikel 34|de registrerede)`,
    'iu',
  ),
  phases: words('i faser', 'trinvis', 'etapevis', 'efterhånden som (?:oplysningerne|informationen)'),
  writtenForm: words('skriftligt?', 'skriftlig form'),
  writtenNotForm: words(
    '(?:forudgående |udtrykkelig(?:e)? )?skriftlig(?:e)? (?:instruks(?:er)?|samtykke|godkendelse|aftale|anmodning)',
  ),
  thirdParties: new RegExp(
    [
      `(?:må|kan|skal) ikke${gap(20)}(?:informere|underrette|oplyse|meddele|videregive)${gap(80)}(?:tredjemand|tredjepart)`,
      `(?:tredjemand|tredjepart(?:er)?)${gap(60)}(?:kun|alene) (?:efter|med|i henhold til)${gap(40)}(?:instruks|samtykke|godkendelse)`,
    ].join('|'),
    'iu',
  ),
  onBehalf: {
    onBehalf: words('på vegne af'),
    only: words('kun', 'alene', 'udelukkende', 'medmindre', 'undtagen'),
    instruction: stems('instruks', 'instrueret', 'godkendelse', 'samtykke'),
  },
  controller: stems('dataansvarlig', 'kunden', 'kundens'),
  assistance: stems('bistand', 'bistå', 'assistance', 'hjælp', 'støtte'),
  pay: {
    'hourly-rates': stems('timepris', 'timesats', 'pr\\.? time(?![\\p{L}])', 'medgået tid', 'forbrugt tid'),
    'documented-costs': stems(
      'dokumenterede (?:omkostninger|udgifter)',
      'faktiske (?:omkostninger|udgifter)',
      'afholdte (?:omkostninger|udgifter)',
      'godtgørelse',
      'refusion',
    ),
    none: stems(
      'vederlagsfri',
      'uden (?:beregning|betaling|vederlag|omkostninger)',
      'omkostningsfri',
      'indeholdt i (?:prisen|vederlaget)',
    ),
  },
  assistanceElsewhere: stems('revision', 'kontrol', 'inspektion', 'tilbagelevering', 'sletning'),
  breachContext: new RegExp(`brud|art(?:ikel|\\.)?\\s*3[2-6](?!\\d)|32\\s*(?:-|–|til)\\s*36`, 'iu'),
  contactLabels: {
    phone: words('telefon', 'tlf\\.?', 'mobil'),
    email: words('e-?mail', 'e-?post'),
    address: words('adresse'),
    name: words('navn', 'kontaktperson'),
  },
  governingLaw: new RegExp(
    '(?:underlagt|reguleret af|reguleres af|efter|følger|gælder) (dansk|norsk|svensk|tysk|engelsk) (?:ret|lov)',
    'iu',
  ),
  dataProtectionAct: words('databeskyttelsesloven'),
  languageNames: { engelsk: 'en', norsk: 'nb', dansk: 'da', svensk: 'sv', tysk: 'de' },
  languageVersions: stems('version', 'sprog', 'eksemplar', 'underskrevet', 'gælder', 'har forrang'),
  processorRole: new RegExp(
    '\\((?:herefter )?[»"“]?databehandler(?:en)?[«"”]?\\)|herefter (?:kaldet|benævnt) [»"“]?databehandler',
    'iu',
  ),
  between: words('mellem'),
  agreementWord: stems('databehandleraftale', 'aftale'),
};

const SV: TermPatterns = {
  breachStrong: stems(
    'personuppgiftsincident',
    'säkerhetsincident',
    'brott mot (?:person)?uppgiftssäkerhet',
    'dataintrång',
  ),
  breachWeak: stems('incident', 'intrång'),
  notifyController: [
    new RegExp(
      `(?<![\\p{L}])(?:underrätta|underrättar|meddela|meddelar|informera|informerar|anmäla|anmäler|rapportera(?: till)?|avisera)(?![\\p{L}])${gap(60)}(?<![\\p{L}])(?:(?:den )?personuppgiftsansvarig(?:e|a)?|kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:underrättelse(?:n)?|anmälan|meddelande(?:t)?|rapport(?:en)?)\\s+(?:${gap(30)}\\s)?till (?:den )?(?:personuppgiftsansvarig(?:e|a)?|kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:personuppgiftsansvarig(?:e|a)?|kunden)\\s+(?:ska|skall)\\s+(?:\\p{L}+\\s+)?(?:underrättas|informeras|meddelas)`,
      'iu',
    ),
  ],
  noticeWord: stems('underrätt', 'meddel', 'informer', 'anmäl', 'rapporter'),
  instructionConflict: new RegExp(
    `instruktion${gap(80)}(?:strider mot|i strid med|bryter mot|överträder)`,
    'iu',
  ),
  authority: words(
    'tillsynsmyndighet(?:en|er)?',
    'Integritetsskyddsmyndigheten',
    'IMY',
    'Datainspektionen',
    'de registrerade',
    'myndighet(?:en|er)?',
  ),
  immediately: words('omedelbart', 'genast', 'utan dröjsmål', 'ofördröjligen'),
  withoutUndueDelay: words('utan onödigt dröjsmål', 'utan oskäligt dröjsmål', 'utan onödig fördröjning'),
  withoutUndueDelayLike: words('snarast möjligt', 'så snart som möjligt', 'snarast', 'skyndsamt'),
  purpose: words('så att', 'för att', 'i syfte att'),
  numberWords: {
    en: 1,
    ett: 1,
    två: 2,
    tre: 3,
    fyra: 4,
    fem: 5,
    sex: 6,
    sju: 7,
    åtta: 8,
    nio: 9,
    tio: 10,
    tolv: 12,
    tjugo: 20,
    tjugofyra: 24,
    trettiosex: 36,
    fyrtioåtta: 48,
    sjuttiotvå: 72,
  },
  units: {
    hours: 'timm(?:e|ar)|tim|h',
    days: '(?:kalender)?dag(?:ar)?|dygn',
    businessDays: 'arbetsdag(?:ar)?|vardag(?:ar)?|bankdag(?:ar)?',
  },
  ifPossible: words(
    'om möjligt',
    'om det är möjligt',
    'när det är möjligt',
    'där det är möjligt',
    'så långt (?:det är )?möjligt',
    'helst',
    'sträva efter',
  ),
  confirmation: stems('bekräfta', 'verifiera'),
  otherMatter: stems(
    'revision',
    'granskning',
    'inspektion',
    'sparas',
    'lagr',
    'bevara',
    'radera',
    'uppsägning',
  ),
  awareness: stems('kännedom', 'upptäck', 'medveten', 'varse'),
  art3334Conditions: new RegExp(
    [
      `villkoren${gap(40)}art(?:ikel|\\.)?\\s*33`,
      'sannolikt (?:leder|medför) (?:till )?(?:en )?(?:hög )?risk',
      'ska anmälas till (?:tillsynsmyndigheten|IMY|Integritetsskyddsmyndigheten)',
      'anmälningspliktig',
    ].join('|'),
    'iu',
  ),
  subprocessor: stems('underbiträde', 'underleverantör', 'underbehandlare'),
  contentItems: {
    a: stems(
      '(?:personuppgifts)?incidentens (?:art|karaktär)',
      'arten av (?:personuppgifts)?incidenten',
      'kategorierna av och det ungefärliga antalet',
      'kategorier och (?:det )?ungefärlig(?:a|t)? antal',
      'beskrivning av (?:personuppgifts)?incidenten',
    ),
    b: stems('dataskyddsombud', 'kontaktpunkt'),
    c: stems('(?:sannolika|troliga|möjliga) (?:konsekvens|följd)'),
    d: stems(
      'åtgärder som (?:har )?vidtagits eller föreslagits',
      '(?:vidtagna|föreslagna|planerade) åtgärder',
      'åtgärder för att (?:åtgärda|hantera|mildra|begränsa)',
    ),
  },
  art333: new RegExp(`art(?:ikel|\\.)?\\s*33\\s*(?:\\(3\\)|\\.\\s*3(?!\\d)|punkt 3(?!\\d))`, 'iu'),
  riskCondition: new RegExp(
    `(?<![\\p{L}])(?:om|ifall|när|där|såvida)(?![\\p{L}]).{0,100}?(?:risk|artikel 34|de registrerade)`,
    'iu',
  ),
  phases: words(
    'i omgångar',
    'stegvis',
    'i etapper',
    'i faser',
    'successivt',
    'allteftersom',
    'efter hand som',
  ),
  writtenForm: words('skriftligen', 'skriftligt', 'i skriftlig form'),
  writtenNotForm: words(
    '(?:föregående |uttryckliga? )?skriftliga? (?:instruktion(?:er)?|samtycke|godkännande|överenskommelse|begäran)',
  ),
  thirdParties: new RegExp(
    [
      `(?:får|ska|skall|kan) inte${gap(20)}(?:informera|underrätta|meddela|lämna ut|röja|upplysa)${gap(80)}tredje part`,
      `tredje part${gap(60)}(?:endast|enbart) (?:efter|med|enligt)${gap(40)}(?:instruktion|samtycke|godkännande)`,
    ].join('|'),
    'iu',
  ),
  onBehalf: {
    onBehalf: words('(?:för|på) (?:den )?\\p{L}+ (?:räkning|vägnar)'),
    only: words('endast', 'enbart', 'uteslutande', 'såvida inte', 'utom'),
    instruction: stems('instruktion', 'instruerat', 'godkännande', 'samtycke'),
  },
  controller: stems('personuppgiftsansvarig', 'kunden', 'kundens'),
  assistance: stems('bistånd', 'bistå', 'assistans', 'hjälp', 'stöd', 'biträda'),
  pay: {
    'hourly-rates': stems('timpris', 'timarvode', 'timtaxa', 'per timme', 'nedlagd tid'),
    'documented-costs': stems(
      'dokumenterade (?:kostnader|utgifter)',
      'faktiska (?:kostnader|utgifter)',
      'verifierade kostnader',
      'styrkta kostnader',
      'ersättning för (?:de )?(?:kostnader|utgifter)',
    ),
    none: stems(
      'utan (?:extra |särskild )?(?:kostnad|ersättning|avgift)',
      'kostnadsfritt',
      'avgiftsfritt',
      'ingår i (?:priset|avgiften|ersättningen)',
    ),
  },
  assistanceElsewhere: stems('revision', 'granskning', 'inspektion', 'återlämn', 'radering', 'gallring'),
  breachContext: new RegExp(`incident|art(?:ikel|\\.)?(?:arna)?\\s*3[2-6](?!\\d)|32\\s*(?:-|–)\\s*36`, 'iu'),
  contactLabels: {
    phone: words('telefon', 'tel\\.?', 'mobil'),
    email: words('e-?post', 'e-?mail'),
    address: words('adress', 'postadress'),
    name: words('namn', 'kontaktperson'),
  },
  governingLaw: new RegExp(
    '(?:tillämpas|gäller|regleras av|underkastat|underställt|enligt) (svensk|norsk|dansk|tysk|engelsk) (?:lag|rätt)|(svensk|norsk|dansk|tysk|engelsk) (?:lag|rätt) (?:ska |skall )?(?:tillämpas|gälla|gäller)',
    'iu',
  ),
  dataProtectionAct: words('dataskyddslagen', 'lag \\(2018:218\\)'),
  languageNames: { engelska: 'en', norska: 'nb', danska: 'da', svenska: 'sv', tyska: 'de' },
  languageVersions: stems('version', 'språk', 'exemplar', 'undertecknat', 'gäller', 'har företräde'),
  processorRole: new RegExp(
    '\\((?:nedan )?[”"“]?(?:personuppgifts)?biträde(?:t)?[”"]?\\)|nedan (?:kallad|kallat|benämnd) [”"“]?(?:personuppgifts)?biträde',
    'iu',
  ),
  between: words('mellan'),
  agreementWord: stems('personuppgiftsbiträdesavtal', 'biträdesavtal', 'avtal'),
};

const DE: TermPatterns = {
  breachStrong: stems(
    'Verletzung(?:en)? des Schutzes personenbezogener Daten',
    'Datenschutzverletzung',
    'Datenpanne',
    'Sicherheitsvorf(?:a|ä)ll',
    'Datenschutzvorf(?:a|ä)ll',
    'Verletzung(?:en)? der (?:Daten|Informations)sicherheit',
  ),
  breachWeak: stems('Verletzung', 'Verstö(?:ß|ss)', 'Verstoß', 'Vorf(?:a|ä)ll', 'Unregelmäßigkeit'),
  notifyController: [
    new RegExp(
      `(?<![\\p{L}])(?:den|dem) (?:Auftraggeber|Verantwortlichen|Kunden)(?![\\p{L}])[^.;]{0,80}?(?<![\\p{L}])(?:informier|benachrichtig|unterricht|mitzuteil|mitteil|meld|in Kenntnis|anzuzeig|anzeig)`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:informiert|benachrichtigt|unterrichtet|teilt|meldet|zeigt)(?![\\p{L}])${gap(60)}(?<![\\p{L}])(?:den|dem) (?:Auftraggeber|Verantwortlichen|Kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:Meldung|Mitteilung|Benachrichtigung|Information|Anzeige)\\s+(?:${gap(30)}\\s)?an den (?:Auftraggeber|Verantwortlichen|Kunden)(?![\\p{L}])`,
      'iu',
    ),
    new RegExp(
      `(?<![\\p{L}])(?:der )?(?:Auftraggeber|Verantwortliche|Kunde) (?:ist|wird) (?:\\p{L}+ ){0,3}(?:zu )?(?:informieren|informiert|benachrichtigen|benachrichtigt|unterrichten|unterrichtet)`,
      'iu',
    ),
  ],
  noticeWord: stems(
    'informier',
    'benachrichtig',
    'unterricht',
    'mitteil',
    'mitzuteil',
    'meld',
    'Meldung',
    'Anzeige',
  ),
  instructionConflict: new RegExp(
    `Weisung(?:en)?${gap(80)}(?:verstö|verstoß|rechtswidrig)|(?:verstößt|verstoßen)${gap(80)}Weisung`,
    'iu',
  ),
  authority: stems(
    'Aufsichtsbehörde',
    'Datenschutzbehörde',
    'Behörde',
    'betroffene(?:n)? Person',
    'Betroffene',
  ),
  immediately: words('sofort', 'umgehend', 'unmittelbar', 'ohne (?:jede )?Verzögerung'),
  withoutUndueDelay: words('unverzüglich', 'ohne unangemessene Verzögerung', 'ohne schuldhaftes Zögern'),
  withoutUndueDelayLike: words('schnellstmöglich', 'so schnell wie möglich', 'zeitnah', 'baldmöglichst'),
  purpose: new RegExp(
    '(?<![\\p{L}])(?:damit|so ?dass|um(?=[^.]{0,80}(?<![\\p{L}])zu(?![\\p{L}])))(?![\\p{L}])',
    'iu',
  ),
  numberWords: {
    ein: 1,
    eine: 1,
    einem: 1,
    einen: 1,
    einer: 1,
    zwei: 2,
    drei: 3,
    vier: 4,
    fünf: 5,
    sechs: 6,
    sieben: 7,
    acht: 8,
    neun: 9,
    zehn: 10,
    zwölf: 12,
    zwanzig: 20,
    vierundzwanzig: 24,
    sechsunddreißig: 36,
    achtundvierzig: 48,
    zweiundsiebzig: 72,
  },
  units: {
    hours: 'Stunden?|Std\\.?|h',
    days: '(?:Kalender)?tage?n?|Tag',
    businessDays: 'Werktage?n?|Arbeitstage?n?|Geschäftstage?n?|Bankarbeitstage?n?',
  },
  ifPossible: words(
    'wenn möglich',
    'möglichst',
    'nach Möglichkeit',
    'sofern möglich',
    'falls möglich',
    'soweit möglich',
  ),
  confirmation: stems('Bestätigung', 'bestätigt', 'Verifizierung', 'verifiziert'),
  otherMatter: stems(
    'Audit',
    'Prüfung',
    'Kontrolle',
    'Inspektion',
    'aufbewahr',
    'gespeichert',
    'speicher',
    'lösch',
    'Kündigung',
  ),
  awareness: stems('Kenntnis', 'Bekanntwerden', 'Entdeckung', 'entdeckt', 'festgestellt', 'Feststellung'),
  art3334Conditions: new RegExp(
    [
      `Voraussetzungen${gap(40)}Art(?:ikel|\\.)?s?\\s*3[34]`,
      'voraussichtlich (?:zu )?(?:einem|ein) (?:hohes |hohen )?Risiko',
      'meldepflichtig',
      'der Aufsichtsbehörde zu melden ist',
    ].join('|'),
    'iu',
  ),
  subprocessor: stems(
    'Unterauftragnehmer',
    'Subunternehmer',
    'Unterauftragsverarbeiter',
    'weitere(?:n|r)? Auftragsverarbeiter',
    'Subdienstleister',
  ),
  contentItems: {
    a: stems(
      'Art der Verletzung',
      'Beschreibung der Art',
      'Kategorien und (?:der )?ungefähre(?:n)? (?:Zahl|Anzahl)',
      'Beschreibung der Verletzung',
    ),
    b: stems('Datenschutzbeauftragten', 'Anlaufstelle', 'Kontaktstelle'),
    c: stems('(?:wahrscheinlichen|voraussichtlichen|möglichen) Folgen'),
    d: stems(
      '(?:ergriffenen|vorgeschlagenen|getroffenen) Maßnahmen',
      'Maßnahmen zur (?:Behebung|Abmilderung|Eindämmung)',
    ),
  },
  art333: new RegExp(`Art(?:ikel|\\.)?\\s*33\\s*(?:Abs(?:atz|\\.)?\\s*3(?!\\d)|\\(3\\))`, 'iu'),
  riskCondition: new RegExp(
    `(?<![\\p{L}])(?:wenn|sofern|soweit|falls)(?![\\p{L}]).{0,100}?(?:Risiko|Art(?:ikel|\\.)?\\s*34|betroffene(?:n)? Person)`,
    'iu',
  ),
  phases: words('schrittweise', 'in Phasen', 'stufenweise', 'nach und nach', 'sukzessive', 'in Teilen'),
  writtenForm: stems('schriftlich', 'in Textform', 'in Schriftform', 'Textform'),
  writtenNotForm: stems(
    '(?:vorherige(?:n|r)? |ausdrückliche(?:n|r)? )?schriftliche(?:n|r)? (?:Weisung|Zustimmung|Genehmigung|Vereinbarung|Anfrage)',
  ),
  thirdParties: new RegExp(
    [
      `(?:darf|dürfen|wird)${gap(40)}(?:Dritte|Dritten)${gap(60)}(?:nicht|nur)`,
      `keine (?:Dritten|Informationen an Dritte)`,
      `Dritte(?:n)?${gap(60)}nur (?:nach|auf|mit)${gap(40)}(?:Weisung|Zustimmung)`,
    ].join('|'),
    'iu',
  ),
  onBehalf: {
    onBehalf: words('im Namen', 'für (?:den|die|des) (?:Auftraggeber|Verantwortlichen|Kunden)s?'),
    only: words('nur', 'ausschließlich', 'es sei denn', 'sofern nicht'),
    instruction: stems('Weisung', 'Anweisung', 'angewiesen', 'Zustimmung', 'Genehmigung'),
  },
  controller: stems('Auftraggeber', 'Verantwortliche', 'Kunde'),
  assistance: stems('Unterstützung', 'unterstütz', 'Mitwirkung', 'mitwirk', 'Hilfe'),
  pay: {
    'hourly-rates': stems(
      'Stundens(?:a|ä)tz',
      'Stundenverrechnungss(?:a|ä)tz',
      'pro Stunde',
      'je Stunde',
      'nach Zeitaufwand',
    ),
    'documented-costs': new RegExp(
      [
        '(?<![\\p{L}])nachgewiesene(?:n)? (?:Kosten|Aufwände|Aufwendungen)',
        '(?<![\\p{L}])(?:Kosten|Aufwendungen)[^.]{0,60}nachgewiesen',
        'Erstattung der (?:entstandenen )?(?:Kosten|Aufwendungen)',
        'gegen Kostenerstattung',
      ].join('|'),
      'iu',
    ),
    none: stems(
      'kostenlos',
      'unentgeltlich',
      'kostenfrei',
      'ohne (?:gesonderte |zusätzliche )?(?:Vergütung|Kosten|Berechnung)',
      'mit der Vergütung abgegolten',
    ),
  },
  assistanceElsewhere: stems(
    'Kontrolle',
    'Inspektion',
    'Prüfung',
    'Audit',
    'Rückgabe',
    'Löschung',
    'Einzelweisung',
  ),
  breachContext: new RegExp(`Verletzung|Art(?:ikel|\\.)?\\s*3[2-6](?!\\d)|32\\s*(?:bis|-|–)\\s*36`, 'iu'),
  contactLabels: {
    phone: words('Telefon', 'Tel\\.?', 'Mobil'),
    email: words('E-?Mail'),
    address: words('Adresse', 'Anschrift'),
    name: words('Name', 'Ansprechpartner(?:in)?'),
  },
  governingLaw: new RegExp(
    '(deutsche[sm]?|österreichische[sm]?|norwegische[sm]?|dänische[sm]?|schwedische[sm]?) Recht|Recht der (Bundesrepublik Deutschland)',
    'iu',
  ),
  dataProtectionAct: words('Bundesdatenschutzgesetz(?:es)?', 'BDSG'),
  languageNames: {
    englisch: 'en',
    englischer: 'en',
    deutsch: 'de',
    deutscher: 'de',
    norwegisch: 'nb',
    dänisch: 'da',
    schwedisch: 'sv',
  },
  languageVersions: stems('Fassung', 'Sprache', 'Version', 'unterzeichnet', 'maßgeblich', 'Vorrang'),
  processorRole: new RegExp(
    '\\((?:nachfolgend |im Folgenden )?[„"“]?(?:Auftragnehmer|Auftragsverarbeiter)[“"]?\\)|(?:nachfolgend|im Folgenden|nachstehend)[^.]{0,30}[„"“]?(?:Auftragnehmer|Auftragsverarbeiter)',
    'iu',
  ),
  between: words('zwischen'),
  agreementWord: stems('Vereinbarung', 'Vertrag', 'Auftragsverarbeitung'),
};

export const PATTERNS: Record<ReaderLanguage, TermPatterns> = { en: EN, nb: NB, da: DA, sv: SV, de: DE };

/** Art. 33 or 34 named in any of the five languages. */
/**
 * Where one limit of a sentence ends and the next begins: a comma, a semicolon or a conjunction, in any of the
 * languages ("within 36 hours of becoming aware, and no later than 12 hours after confirming").
 */
export const LIMIT_BREAK =
  /[,;]|(?<![\p{L}])(?:and|but|or|og|men|eller|och|samt|und|aber|oder|jedoch)(?![\p{L}])/giu;

export const ART_33_34 = /(?<![\p{L}])(?:art(?:icle|ikkel|ikel|\.)?\s*3[34])(?!\d)/iu;

/** An e-mail address. */
export const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/i;

/** A telephone number: digits in groups, with an optional + and country code. */
export const PHONE = /(?<![\w])(?:\+\d{1,3}[\s-]?)?(?:\(\d+\)[\s-]?)?\d{2,4}(?:[\s-]?\d{2,4}){1,4}(?![\w])/;

/** A company name: capitalised words ending in a legal form. */
export const COMPANY =
  /(?<![\p{L}])[\p{Lu}\d][\p{L}\d&.'’-]*(?:[ ,]+(?:[\p{Lu}\d&][\p{L}\d&.'’-]*|of|and|og|och|und))*,?\s+(?:AS|ASA|AB|ApS|A\/S|GmbH|gmbh|AG|SE|Ltd\.?|Limited|Inc\.?|LLC|Oy|BV|B\.V\.|SA|S\.A\.|KG|UG|SARL|Srl|plc|PLC)(?![\p{L}])/u;

/** Country names and adjectives to the English name of their law. */
export const NATIONS: Record<string, string> = {
  norwegian: 'Norwegian',
  norway: 'Norwegian',
  norsk: 'Norwegian',
  norwegische: 'Norwegian',
  norwegisches: 'Norwegian',
  danish: 'Danish',
  denmark: 'Danish',
  dansk: 'Danish',
  dänische: 'Danish',
  dänisches: 'Danish',
  swedish: 'Swedish',
  sweden: 'Swedish',
  svensk: 'Swedish',
  schwedische: 'Swedish',
  schwedisches: 'Swedish',
  german: 'German',
  germany: 'German',
  tysk: 'German',
  deutsche: 'German',
  deutsches: 'German',
  deutschem: 'German',
  'bundesrepublik deutschland': 'German',
  english: 'English',
  england: 'English',
  engelsk: 'English',
  irish: 'Irish',
  ireland: 'Irish',
  austrian: 'Austrian',
  österreichische: 'Austrian',
  österreichisches: 'Austrian',
  finnish: 'Finnish',
  finland: 'Finnish',
  dutch: 'Dutch',
  netherlands: 'Dutch',
};
