import { processorDeadline, processorDueAt, termsProblems } from './breach-terms.util';

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

describe(processorDueAt.name, () => {
  const awareAt = new Date('2026-12-04T18:00:00+01:00');
  const calendar = { country: 'NO', timeZone: 'Europe/Oslo' };
  const due = (terms: Parameters<typeof processorDeadline>[0], confirmedAt: Date | null = null) =>
    processorDueAt(processorDeadline(terms, TARGETS), { awareAt, confirmedAt, calendar });

  it('counts hours from our awareness, as before', () => {
    expect(due({ standard: 'within-hours', hours: 48, basis: 'contractual' })).toEqual({
      dueAt: new Date('2026-12-06T17:00:00Z'),
      basis: 'contractual',
      limit: 'hours',
    });
  });

  it('counts business days in the controller calendar: Friday evening to Tuesday evening for two', () => {
    expect(due({ standard: 'within-business-days', businessDays: 2, basis: 'contractual' })).toEqual({
      dueAt: new Date('2026-12-08T17:00:00Z'),
      basis: 'contractual',
      limit: 'business-days',
    });
  });

  it('takes the backstop where it is earlier than our target, and the target where that is earlier', () => {
    expect(due({ standard: 'without-undue-delay', hours: null, basis: 'target', backstopHours: 12 })).toEqual(
      {
        dueAt: new Date('2026-12-05T05:00:00Z'),
        basis: 'contractual',
        limit: 'backstop',
      },
    );
    expect(due({ standard: 'without-undue-delay', hours: null, basis: 'target', backstopHours: 36 })).toEqual(
      {
        dueAt: new Date('2026-12-05T17:00:00Z'),
        basis: 'target',
        limit: 'hours',
      },
    );
  });

  it('runs on the other limits until the confirmation is recorded; then its hours, where earlier', () => {
    const terms = {
      standard: 'within-business-days' as const,
      businessDays: 3,
      basis: 'contractual' as const,
    };
    const withConfirmation = { ...terms, confirmationHours: 24 };
    expect(due(withConfirmation).limit).toBe('business-days');
    expect(due(withConfirmation, new Date('2026-12-05T10:00:00Z'))).toEqual({
      dueAt: new Date('2026-12-06T10:00:00Z'),
      basis: 'contractual',
      limit: 'confirmation',
    });
    // Confirmed late: three business days from awareness (Wednesday evening) come first.
    expect(due(withConfirmation, new Date('2026-12-09T10:00:00Z')).limit).toBe('business-days');
  });

  it('refuses business days without a calendar: the controller country and zone are needed', () => {
    const window = processorDeadline(
      { standard: 'within-business-days', businessDays: 1, basis: 'contractual' },
      TARGETS,
    );
    expect(() => processorDueAt(window, { awareAt, confirmedAt: null, calendar: null })).toThrow(/calendar/);
  });
});

describe('termsProblems for the new deadline fields', () => {
  const base = { requiredContent: [] };
  const fields = (terms: Parameters<typeof termsProblems>[0]) => termsProblems(terms).map((p) => p.field);

  it('names each field of a combination that cannot stand', () => {
    expect(fields({ ...base, standard: 'within-business-days', basis: 'contractual' })).toEqual([
      'breachTerms.businessDays',
    ]);
    expect(
      fields({ ...base, standard: 'within-business-days', businessDays: 2, hours: 48, basis: 'contractual' }),
    ).toEqual(['breachTerms.hours']);
    expect(
      fields({ ...base, standard: 'within-hours', hours: 48, basis: 'contractual', businessDays: 2 }),
    ).toEqual(['breachTerms.businessDays']);
    expect(
      fields({ ...base, standard: 'within-hours', hours: 48, basis: 'contractual', backstopHours: 72 }),
    ).toEqual(['breachTerms.backstopHours']);
    expect(fields({ ...base, standard: 'immediately', basis: 'target', firm: false })).toEqual([
      'breachTerms.firm',
    ]);
  });

  it('accepts what real agreements say', () => {
    expect(fields({ ...base, standard: 'without-undue-delay', basis: 'target', backstopHours: 36 })).toEqual(
      [],
    );
    expect(
      fields({ ...base, standard: 'within-hours', hours: 48, basis: 'contractual', firm: false }),
    ).toEqual([]);
    expect(
      fields({
        ...base,
        standard: 'within-business-days',
        businessDays: 2,
        basis: 'contractual',
        confirmationHours: 24,
      }),
    ).toEqual([]);
  });
});
