import { processorDeadline, termsProblems } from './breach-terms.util';

const TARGETS = { immediately: 4, withoutUndueDelay: 24 };

describe(processorDeadline.name, () => {
  it('takes a within-hours standard as contractual', () => {
    expect(processorDeadline({ standard: 'within-hours', hours: 48, basis: 'contractual' }, TARGETS)).toEqual(
      {
        hours: 48,
        basis: 'contractual',
        defaulted: false,
      },
    );
  });

  it.each(['immediately', 'without-undue-delay'] as const)(
    'takes "%s" with a target as a target',
    (standard) => {
      expect(processorDeadline({ standard, hours: 12, basis: 'target' }, TARGETS)).toEqual({
        hours: 12,
        basis: 'target',
        defaulted: false,
      });
    },
  );

  it('uses our default target where a qualitative standard sets none: "immediately" is tighter', () => {
    expect(processorDeadline({ standard: 'immediately', hours: null, basis: 'target' }, TARGETS)).toEqual({
      hours: 4,
      basis: 'target',
      defaulted: true,
    });
    expect(
      processorDeadline({ standard: 'without-undue-delay', hours: null, basis: 'target' }, TARGETS),
    ).toEqual({
      hours: 24,
      basis: 'target',
      defaulted: true,
    });
  });
});

describe(termsProblems.name, () => {
  const base = { requiredContent: [] };

  it('accepts consistent terms', () => {
    expect(termsProblems({ ...base, standard: 'within-hours', hours: 48, basis: 'contractual' })).toEqual([]);
    expect(termsProblems({ ...base, standard: 'immediately', basis: 'target' })).toEqual([]);
  });

  it('asks a within-hours standard for its hours and a contractual basis', () => {
    expect(termsProblems({ ...base, standard: 'within-hours', basis: 'target' }).map((p) => p.field)).toEqual(
      ['breachTerms.hours', 'breachTerms.basis'],
    );
  });

  it('refuses to call a standard with no number contractual', () => {
    expect(
      termsProblems({ ...base, standard: 'without-undue-delay', hours: 24, basis: 'contractual' }),
    ).toEqual([{ field: 'breachTerms.basis', messages: [expect.stringContaining('names no number')] }]);
  });

  it('refuses an Art. 33(3) item listed twice', () => {
    const problems = termsProblems({
      standard: 'immediately',
      basis: 'target',
      requiredContent: [{ item: 'a' }, { item: 'a' }],
    });
    expect(problems.map((p) => p.field)).toEqual(['breachTerms.requiredContent']);
  });
});
