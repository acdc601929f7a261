import { lintAgreement, LintableProfile } from './agreement-lint.util';

const TARGETS = { immediately: 4, withoutUndueDelay: 24 };

function profile(
  terms: Partial<LintableProfile['breachTerms']>,
  subprocessors?: LintableProfile['subprocessors'],
) {
  return {
    clauses: { breachNotice: '8.1' },
    breachTerms: {
      standard: 'within-hours',
      hours: 48,
      basis: 'contractual',
      coversSubprocessors: false,
      ...terms,
    },
    subprocessors,
  } as LintableProfile;
}

describe(lintAgreement.name, () => {
  it('finds nothing wrong with 48 contractual hours: the controller keeps exactly 24 of its 72', () => {
    expect(lintAgreement(profile({ hours: 48 }), TARGETS)).toEqual([]);
  });

  it('warns when the processor deadline leaves the controller less than 24 h', () => {
    expect(lintAgreement(profile({ hours: 49 }), TARGETS)).toEqual([
      {
        code: 'controller-margin-below-24h',
        message: expect.stringContaining('leaves the controller 23 h of its 72 h'),
        figures: { processorHours: 49, controllerHoursLeft: 23 },
      },
    ]);
  });

  it('warns about a qualitative standard without a target, and names the default used', () => {
    const warnings = lintAgreement(
      profile({ standard: 'immediately', hours: null, basis: 'target' }),
      TARGETS,
    );
    expect(warnings).toEqual([
      {
        code: 'qualitative-standard-without-target',
        message: expect.stringContaining('default target of 4 h'),
        figures: { defaultTargetHours: 4 },
      },
    ]);
  });

  it('applies the margin rule to the default target too', () => {
    const codes = lintAgreement(profile({ standard: 'immediately', hours: null, basis: 'target' }), {
      immediately: 60,
      withoutUndueDelay: 24,
    }).map((w) => w.code);
    expect(codes).toEqual(['qualitative-standard-without-target', 'controller-margin-below-24h']);
  });

  it('warns about a sub-processor chain whose hours add up past 72', () => {
    const warnings = lintAgreement(
      profile({ hours: 48, coversSubprocessors: true }, [
        { name: 'Host A', noticeHours: 48 },
        { name: 'Host B', noticeHours: 24 },
        { name: 'Host C' },
      ]),
      TARGETS,
    );
    expect(warnings).toEqual([
      {
        code: 'subprocessor-chain-exceeds-72h',
        message: expect.stringContaining('Host A'),
        figures: { subprocessor: 'Host A', subprocessorHours: 48, processorHours: 48, chainHours: 96 },
      },
    ]);
  });
});

describe('lintAgreement on business days, backstops and confirmation anchors', () => {
  const norway = {
    calendars: [{ country: 'NO', timeZone: 'Europe/Oslo' }],
    from: new Date('2027-01-01T00:00:00+01:00'),
  };
  const codes = (terms: Partial<LintableProfile['breachTerms']>) =>
    lintAgreement(profile(terms), TARGETS, norway).map((w) => w.code);

  it('warns that two business days can exceed the controller window over Norwegian Easter', () => {
    const [warning] = lintAgreement(
      profile({ standard: 'within-business-days', hours: null, businessDays: 2 }),
      TARGETS,
      norway,
    );
    // Wednesday before Easter to Wednesday after it, one hour short for summer time.
    expect(warning).toMatchObject({
      code: 'business-days-exceed-72h',
      figures: { businessDays: 2, longestHours: 167, country: 'NO' },
    });
  });

  it('warns of one business day too: over Easter it stretches to six days', () => {
    expect(codes({ standard: 'within-business-days', hours: null, businessDays: 1 })).toContain(
      'business-days-exceed-72h',
    );
  });

  it('warns of a backstop longer than the target of the standard beside it', () => {
    expect(codes({ standard: 'without-undue-delay', hours: 24, basis: 'target', backstopHours: 36 })).toEqual(
      ['backstop-beyond-standard'],
    );
    expect(codes({ standard: 'without-undue-delay', hours: 24, basis: 'target', backstopHours: 12 })).toEqual(
      [],
    );
  });

  it('warns of a confirmation anchor with no backstop from our awareness', () => {
    expect(
      codes({ standard: 'without-undue-delay', hours: 24, basis: 'target', confirmationHours: 24 }),
    ).toEqual(['confirmation-without-backstop']);
    expect(
      codes({
        standard: 'without-undue-delay',
        hours: 24,
        basis: 'target',
        confirmationHours: 24,
        backstopHours: 24,
      }),
    ).toEqual([]);
  });
});
