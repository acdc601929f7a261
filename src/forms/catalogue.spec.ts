import {
  ALL_FIELDS,
  CATALOGUE,
  FIELDS_BY_KEY,
  fieldsForContentItem,
  PHASES,
  walkThroughFields,
} from './catalogue';
import { TEXT_LANGUAGES } from './render.util';

/** The law, element by element, and the catalogue field that carries each. */
const LAW: [string, string, string][] = [
  ['Art. 33(3)(a)', 'nature of the breach', 'natureOfBreach'],
  ['Art. 33(3)(a)', 'categories of data subjects', 'dataSubjectCategories'],
  ['Art. 33(3)(a)', 'approximate number of data subjects', 'approxDataSubjects'],
  ['Art. 33(3)(a)', 'categories of personal data records', 'personalDataCategories'],
  ['Art. 33(3)(a)', 'approximate number of personal data records', 'approxRecords'],
  ['Art. 33(3)(b)', 'name and contact details of the DPO or other contact point', 'contactPoint'],
  ['Art. 33(3)(c)', 'likely consequences', 'likelyConsequences'],
  ['Art. 33(3)(d)', 'measures taken', 'measuresTaken'],
  ['Art. 33(3)(d)', 'measures proposed', 'measuresProposed'],
  ['Art. 33(3)(d)', 'measures to mitigate adverse effects', 'mitigation'],
  ['Art. 33(1)', 'reasons for the delay after 72 hours', 'reasonsForDelay'],
  ['Art. 34(1)', 'whether the data subjects are told', 'subjectsInformed'],
  ['Art. 34(1)', 'how they are told', 'communicationMethod'],
  ['Art. 34(2)', 'contact point, consequences and measures in plain language', 'contactPoint'],
  ['Art. 34(2)', 'likely consequences', 'likelyConsequences'],
  ['Art. 34(2)', 'measures', 'measuresTaken'],
];

const SOURCE_FOR: Record<string, string> = {
  'Art. 33(3)(a)': 'art33-3-a',
  'Art. 33(3)(b)': 'art33-3-b',
  'Art. 33(3)(c)': 'art33-3-c',
  'Art. 33(3)(d)': 'art33-3-d',
  'Art. 33(1)': 'art33-1',
  'Art. 34(1)': 'art34',
  'Art. 34(2)': 'art34-2',
};

describe('the field catalogue', () => {
  it.each(LAW)('%s: %s is the field %s, sourced to that article', (article, _element, key) => {
    const field = FIELDS_BY_KEY.get(key);
    expect(field).toBeDefined();
    expect(field!.sources).toContain(SOURCE_FOR[article]);
  });

  it('covers every item of Art. 33(3)', () => {
    for (const item of ['a', 'b', 'c', 'd'] as const)
      expect(fieldsForContentItem(item).length).toBeGreaterThan(0);
  });

  it('has the five phases in order, and the fields the issue names in each', () => {
    expect(CATALOGUE.phases.map((p) => p.key)).toEqual([...PHASES]);
    const keys = (phase: string) => CATALOGUE.fields.filter((f) => f.phase === phase).map((f) => f.key);
    expect(keys('scope')).toEqual(
      expect.arrayContaining([
        'natureOfBreach',
        'dataSubjectCategories',
        'approxDataSubjects',
        'personalDataCategories',
        'approxRecords',
        'dataLocationNow',
        'relationToDataSubjects',
      ]),
    );
    expect(keys('impact')).toEqual(['likelyConsequences', 'enisa']);
    expect(keys('response')).toEqual(
      expect.arrayContaining([
        'measuresTaken',
        'measuresProposed',
        'mitigation',
        'recurrencePrevention',
        'contactPoint',
      ]),
    );
    expect(keys('initial')).toEqual(
      expect.arrayContaining([
        'whatHappened',
        'occurredSpan',
        'discovery',
        'ongoing',
        'breachTypes',
        'servicesAndSystems',
        'affectedControllers',
        'reporter',
      ]),
    );
  });

  it('labels every field and phase in every language, and traces every source', () => {
    const languages = [...TEXT_LANGUAGES].sort();
    for (const p of CATALOGUE.phases)
      expect([p.key, Object.keys(p.labels).sort()]).toEqual([p.key, languages]);
    for (const f of CATALOGUE.fields) {
      expect([f.key, Object.keys(f.labels).sort()]).toEqual([f.key, languages]);
      for (const s of f.sources)
        expect([f.key, s, CATALOGUE.sources[s]]).toEqual([f.key, s, expect.any(String)]);
    }
  });

  it('places each of Datatilsynet’s five groups on some field', () => {
    for (const group of [
      'dt-description',
      'dt-consequences',
      'dt-measures',
      'dt-information',
      'dt-contact',
    ]) {
      expect(CATALOGUE.fields.some((f) => f.sources.includes(group))).toBe(true);
    }
  });
});

describe('the regime fields of the catalogue', () => {
  const regimeField = (key: string) => CATALOGUE.regimeFields.find((f) => f.key === key);

  it.each([
    ['suspectedMalicious', 'nis2', 'nis2-23-4-a'],
    ['crossBorderImpact', 'nis2', 'nis2-23-4-a'],
    ['crossBorderImpact', 'nis2', 'nis2-23-4-d'],
    ['initialAssessment', 'nis2', 'nis2-23-4-b'],
    ['indicatorsOfCompromise', 'nis2', 'nis2-23-4-b'],
    ['detailedDescription', 'nis2', 'nis2-23-4-d'],
    ['threatType', 'nis2', 'nis2-23-4-d'],
    ['mitigationApplied', 'nis2', 'nis2-23-4-d'],
    ['incidentReference', 'dora', 'dora-its-2'],
    ['doraClassifiedAt', 'dora', 'dora-its-2'],
    ['doraClassificationCriteria', 'dora', 'dora-its-2'],
    ['doraMemberStates', 'dora', 'dora-its-2'],
    ['businessContinuityActivated', 'dora', 'dora-its-2'],
    ['doraCostsAndLosses', 'dora', 'dora-its-4'],
  ])('%s is asked by %s, sourced to %s', (key, regime, source) => {
    expect(regimeField(key)).toMatchObject({ regimes: expect.arrayContaining([regime]) });
    expect(regimeField(key)!.sources).toContain(source);
  });

  it('keeps the regime fields out of GDPR’s walk-through, and lets a stage add them once each', () => {
    expect(walkThroughFields().map((f) => f.key)).toEqual(CATALOGUE.fields.map((f) => f.key));
    const keys = walkThroughFields(
      new Set(['whatHappened', 'indicatorsOfCompromise', 'indicatorsOfCompromise']),
    );
    expect(keys.filter((f) => f.key === 'indicatorsOfCompromise')).toHaveLength(1);
    expect(keys).toHaveLength(CATALOGUE.fields.length + 1);
  });

  it('has one key per field across GDPR’s and the regimes’ fields', () => {
    expect(new Set(ALL_FIELDS.map((f) => f.key)).size).toBe(ALL_FIELDS.length);
  });

  it('labels every regime field in every language and traces its sources', () => {
    const languages = [...TEXT_LANGUAGES].sort();
    for (const f of CATALOGUE.regimeFields) {
      expect([f.key, Object.keys(f.labels).sort()]).toEqual([f.key, languages]);
      expect([f.key, f.regimes.length > 0]).toEqual([f.key, true]);
      for (const s of f.sources)
        expect([f.key, s, CATALOGUE.sources[s]]).toEqual([f.key, s, expect.any(String)]);
    }
  });
});
