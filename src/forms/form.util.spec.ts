import { CATALOGUE, FIELDS_BY_KEY, Phase } from './catalogue';
import { Answer, answerProblems, isAnswered, walkThrough } from './form.util';

const field = (key: string) => FIELDS_BY_KEY.get(key)!;

describe(answerProblems.name, () => {
  it('wants a value for known, none for unknown, a reason for not-applicable', () => {
    expect(answerProblems(field('natureOfBreach'), { state: 'known' })).toEqual([
      'a known field needs its value',
    ]);
    expect(answerProblems(field('natureOfBreach'), { state: 'unknown', value: 'x' })).toEqual([
      expect.stringContaining('to follow'),
    ]);
    expect(answerProblems(field('measuresProposed'), { state: 'not-applicable' })).toEqual([
      '"not applicable" needs the reason',
    ]);
    expect(
      answerProblems(field('measuresProposed'), {
        state: 'not-applicable',
        reason: 'All measures already taken',
      }),
    ).toEqual([]);
  });

  it('refuses "not applicable" where it cannot be', () => {
    expect(answerProblems(field('likelyConsequences'), { state: 'not-applicable', reason: 'x' })).toEqual([
      'likelyConsequences cannot be "not applicable"',
    ]);
  });

  it.each([
    ['approxDataSubjects', 1200, true],
    ['approxDataSubjects', { min: 1000, max: 5000 }, true],
    ['approxDataSubjects', { min: 5000, max: 1000 }, false],
    ['approxDataSubjects', -1, false],
    [
      'personalDataCategories',
      [
        { name: 'National identity numbers', flags: ['national-id'] },
        { name: 'Health data', flags: ['art9'] },
      ],
      true,
    ],
    ['personalDataCategories', [{ name: 'x', flags: ['secret'] }], false],
    ['occurredSpan', { from: '2026-11-20T10:00:00+01:00' }, true],
    ['occurredSpan', { from: '2026-11-20T10:00:00' }, false],
    ['contactPoint', { name: 'Kari DPO', email: 'dpo@x.example' }, true],
    ['contactPoint', { name: 'Kari DPO' }, false],
    [
      'enisa',
      { dpc: 3, ei: 0.75, confidentiality: 0.5, integrity: 0, availability: 0, malicious: true },
      true,
    ],
    ['subjectsInformed', 'maybe', false],
  ])('%s: %j fits: %s', (key, value, fits) => {
    expect(answerProblems(field(key), { state: 'known', value }).length === 0).toBe(fits);
  });
});

describe(walkThrough.name, () => {
  const answerAll = (phase: Phase, state: 'known' | 'unknown') => {
    const m = new Map<string, Answer>();
    for (const f of CATALOGUE.fields.filter((x) => x.phase === phase))
      m.set(f.key, { state, value: state === 'known' ? 'x' : undefined });
    return m;
  };

  it('starts with every phase not started and the first one next', () => {
    const { phases, next } = walkThrough(new Map(), new Set());
    expect(phases.map((p) => p.status)).toEqual([
      'not-started',
      'not-started',
      'not-started',
      'not-started',
      'not-started',
    ]);
    expect(next).toBe('initial');
    expect(phases[1].missing).toContain('approxDataSubjects');
  });

  it('counts "unknown, to follow" as answered where the field allows it (Art. 33(4)), not for what must be known at once', () => {
    expect(isAnswered(field('approxDataSubjects'), { state: 'unknown' })).toBe(true);
    expect(isAnswered(field('whatHappened'), { state: 'unknown' })).toBe(false);
    expect(isAnswered(field('contactPoint'), { state: 'unknown' })).toBe(false);
    expect(walkThrough(answerAll('scope', 'unknown'), new Set()).phases[1]).toMatchObject({
      status: 'in-progress',
      missing: [],
    });
  });

  it('is complete only once declared complete with nothing missing; next moves on', () => {
    const answers = answerAll('initial', 'known');
    expect(walkThrough(answers, new Set()).phases[0].status).toBe('in-progress');
    const { phases, next } = walkThrough(answers, new Set<Phase>(['initial']));
    expect(phases[0].status).toBe('complete');
    expect(next).toBe('scope');
  });
});

describe('a list field with options', () => {
  it('takes only listed items', () => {
    const criteria = FIELDS_BY_KEY.get('doraClassificationCriteria')!;
    expect(answerProblems(criteria, { state: 'known', value: ['data_losses', 'economic_impact'] })).toEqual(
      [],
    );
    expect(answerProblems(criteria, { state: 'known', value: ['data_losses', 'bad luck'] })).toEqual([
      expect.stringContaining('each item must be one of'),
    ]);
  });
});
