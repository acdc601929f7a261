import { readAgreement } from './dpa-reader.util';

const section = (...lines: string[]) =>
  ['Data Processing Agreement', '', '8. Personal data breaches', '', ...lines].join('\n\n');
const report = (text: string, field: string) => readAgreement(text).values.find((v) => v.field === field);

describe(readAgreement.name, () => {
  it('keeps the default, marked not-found, where the text names no duty to notify', () => {
    const reading = readAgreement(section('8.1 The processor keeps a record of all breaches.'));
    expect(reading.profile.breachTerms).toMatchObject({
      standard: 'without-undue-delay',
      hours: null,
      basis: 'target',
    });
    expect(
      report(section('8.1 The processor keeps a record of all breaches.'), 'breachTerms.standard'),
    ).toMatchObject({
      status: 'not-found',
      quote: null,
    });
    expect(reading.profile.clauses.breachNotice).toBe('');
  });

  it("never takes the controller's 72 hours to the authority for the processor's deadline", () => {
    const text = section(
      '8.1 The processor shall notify the controller of a personal data breach without undue delay, so that the controller can notify the supervisory authority within 72 hours.',
      '8.2 The controller notifies the supervisory authority within 72 hours of a personal data breach.',
    );
    const reading = readAgreement(text);
    expect(reading.profile.breachTerms).toMatchObject({ standard: 'without-undue-delay', hours: null });
    expect(reading.deadline).toMatchObject({ amount: null, qualitative: 'without-undue-delay' });
  });

  it('ignores a notice about an instruction that infringes the law', () => {
    const text = section(
      '8.1 The processor shall notify the controller immediately if an instruction is in breach of the GDPR.',
      '8.2 The processor shall notify the controller of any personal data breach within 12 hours.',
    );
    expect(readAgreement(text).profile.breachTerms).toMatchObject({ standard: 'within-hours', hours: 12 });
    expect(readAgreement(text).profile.clauses.breachNotice).toBe('8.2');
  });

  it('counts calendar days as elapsed hours, said so; business days not at all', () => {
    const days = section(
      '8.1 The processor shall notify the controller of a personal data breach within two (2) days.',
    );
    expect(readAgreement(days).profile.breachTerms).toMatchObject({ standard: 'within-hours', hours: 48 });
    expect(report(days, 'breachTerms.hours')).toMatchObject({
      status: 'inferred',
      value: 48,
      note: expect.stringContaining('2 days counted as 48 elapsed hours'),
    });
    const business = section(
      '8.1 The processor shall notify the controller of a personal data breach within 3 working days.',
    );
    expect(readAgreement(business).profile.breachTerms.hours).toBeNull();
    expect(readAgreement(business).deadline).toMatchObject({ amount: 3, unit: 'business-days', hours: null });
  });

  it('says whether the number is firm, and what it runs from', () => {
    const aim = section(
      '8.1 The processor shall notify the controller of a personal data breach, where feasible within 24 hours.',
    );
    expect(readAgreement(aim).deadline).toMatchObject({ amount: 24, firm: false, backstop: false });
    const confirmed = section(
      '8.1 The processor shall notify the controller within 24 hours of confirming a personal data breach.',
    );
    expect(readAgreement(confirmed).deadline).toMatchObject({
      amount: 24,
      firm: true,
      anchor: 'confirmation',
    });
    // Issue 15 part 3: the profile holds the confirmation anchor, beside "without undue delay" from our awareness.
    expect(readAgreement(confirmed).profile.breachTerms).toMatchObject({
      standard: 'without-undue-delay',
      hours: null,
      basis: 'target',
      confirmationHours: 24,
    });
    expect(report(confirmed, 'breachTerms.confirmationHours')).toMatchObject({ status: 'found', value: 24 });
    expect(readAgreement(aim).profile.breachTerms).toMatchObject({
      standard: 'within-hours',
      hours: 24,
      firm: false,
    });
  });

  it('holds a backstop beside the standard, and business days as days', () => {
    const backstop = section(
      '8.1 The processor shall notify the controller of a personal data breach without undue delay and in any event within 36 hours.',
    );
    expect(readAgreement(backstop).profile.breachTerms).toMatchObject({
      standard: 'without-undue-delay',
      hours: null,
      basis: 'target',
      backstopHours: 36,
    });
    const business = section(
      '8.1 The processor shall notify the controller of a personal data breach within 3 working days.',
    );
    expect(readAgreement(business).profile.breachTerms).toMatchObject({
      standard: 'within-business-days',
      businessDays: 3,
      basis: 'contractual',
    });
    expect(readAgreement(business).values.filter((v) => v.unsupported)).toEqual([]);
  });

  describe('a duty with several limits', () => {
    const unsupported = (text: string) =>
      readAgreement(text)
        .values.filter((v) => v.unsupported)
        .map((v) => ({ field: v.field, quote: v.quote, unsupported: v.unsupported }));

    it('gives each number the anchor that follows it: the backstop from awareness, the hours from confirmation', () => {
      const text = section(
        '8.1 The processor shall notify the controller of a personal data breach without undue delay and in any event within 36 hours of becoming aware, and no later than 12 hours after confirming the breach.',
      );
      expect(readAgreement(text).profile.breachTerms).toMatchObject({
        standard: 'without-undue-delay',
        hours: null,
        backstopHours: 36,
        confirmationHours: 12,
      });
      expect(unsupported(text)).toEqual([]);
    });

    it('keeps the hours from awareness that come first, and the hours from confirmation after them', () => {
      const text = section(
        '8.1 The processor shall notify the controller of a personal data breach within 24 hours of becoming aware of it, and within 6 hours after the breach is confirmed.',
      );
      expect(readAgreement(text).profile.breachTerms).toMatchObject({
        standard: 'within-hours',
        hours: 24,
        confirmationHours: 6,
      });
    });

    it('reads a backstop beside business days, and a backstop in a sentence of its own', () => {
      const beside = section(
        '8.1 The processor shall notify the controller of a personal data breach within two business days, and in any event within 72 hours of becoming aware of it.',
      );
      expect(readAgreement(beside).profile.breachTerms).toMatchObject({
        standard: 'within-business-days',
        businessDays: 2,
        backstopHours: 72,
      });
      const sibling = section(
        '8.1 The processor shall notify the controller of a personal data breach without undue delay. In any event, the notification shall be made within 36 hours.',
      );
      expect(readAgreement(sibling).profile.breachTerms).toMatchObject({
        standard: 'without-undue-delay',
        backstopHours: 36,
      });
      expect(report(sibling, 'breachTerms.backstopHours')?.quote).toBe(
        'In any event, the notification shall be made within 36 hours.',
      );
    });

    it('lists a number the profile cannot hold as unsupported, quoted, and puts it in no field', () => {
      const aim = section(
        '8.1 The processor shall notify the controller of a personal data breach without undue delay, if possible within 24 hours, and in any event within 72 hours of becoming aware of it.',
      );
      expect(readAgreement(aim).profile.breachTerms).toMatchObject({
        standard: 'without-undue-delay',
        hours: null,
        backstopHours: 72,
      });
      expect(unsupported(aim)).toEqual([
        {
          field: 'breachTerms.limits.0',
          quote: expect.stringContaining('if possible within 24 hours'),
          unsupported: expect.stringMatching(/^24 hours \(if possible\): an aim/),
        },
      ]);
      const two = section(
        '8.1 The processor shall notify the controller of a personal data breach within 24 hours of becoming aware of it, and in any event within 48 hours of becoming aware of it.',
      );
      expect(readAgreement(two).profile.breachTerms).toMatchObject({ standard: 'within-hours', hours: 24 });
      expect(readAgreement(two).profile.breachTerms).not.toHaveProperty('backstopHours');
      expect(unsupported(two)).toEqual([
        {
          field: 'breachTerms.limits.0',
          quote: expect.stringContaining('48 hours'),
          unsupported: expect.stringContaining('48 hours from our awareness'),
        },
      ]);
    });

    it('takes the anchor before a number where none follows it, and reads "24 (twenty-four) hours"', () => {
      const before = section(
        '8.1 Once a personal data breach is confirmed the processor shall notify the controller within 12 hours.',
      );
      expect(readAgreement(before).profile.breachTerms).toMatchObject({ hours: null, confirmationHours: 12 });
      const both = section(
        '8.1 The processor shall notify the controller of a personal data breach within 24 (twenty-four) hours of becoming aware of it.',
      );
      expect(readAgreement(both).profile.breachTerms).toMatchObject({ standard: 'within-hours', hours: 24 });
      const disagree = section(
        '8.1 The processor shall notify the controller of a personal data breach within 24 (thirty-six) hours.',
      );
      expect(readAgreement(disagree).profile.breachTerms).toMatchObject({ hours: null });
    });

    it('keeps the hours that come first, not business days after them (a later report)', () => {
      const text = section(
        '8.1 The processor shall notify the controller within 24 hours of becoming aware of a personal data breach and shall provide a full report within 5 business days.',
      );
      expect(readAgreement(text).profile.breachTerms).toMatchObject({ standard: 'within-hours', hours: 24 });
      expect(readAgreement(text).profile.breachTerms).not.toHaveProperty('businessDays');
      expect(unsupported(text)).toEqual([
        expect.objectContaining({ unsupported: expect.stringContaining('5 business days') }),
      ]);
    });

    it('takes no number from a sentence beside the duty that concerns another matter', () => {
      const text = section(
        '8.1 The processor shall notify the controller of a personal data breach without undue delay. The controller shall give the processor 30 days notice of an audit. Records of each notification are retained for 90 days.',
      );
      const reading = readAgreement(text);
      expect(reading.profile.breachTerms).toMatchObject({ standard: 'without-undue-delay', hours: null });
      expect(reading.profile.breachTerms).not.toHaveProperty('backstopHours');
      expect(unsupported(text)).toEqual([]);
    });
  });

  it('reads "promptly" as without undue delay, and says it inferred it', () => {
    const text = section('8.1 The processor shall promptly inform the customer of any security incident.');
    expect(report(text, 'breachTerms.standard')).toMatchObject({
      status: 'inferred',
      value: 'without-undue-delay',
      note: expect.stringContaining('read as'),
    });
  });

  it('gives Art. 33(3) with letters as those items only', () => {
    const text = section(
      '8.1 The processor shall notify the controller of a personal data breach without undue delay.',
      '8.2 The notification shall contain the information in Article 33(3)(c) and (d).',
    );
    expect(readAgreement(text).profile.breachTerms.requiredContent).toEqual([
      { item: 'c', when: 'always' },
      { item: 'd', when: 'always' },
    ]);
  });

  it('traces every value it found to its clause in the sources, as the built-in profiles do', () => {
    const text = section(
      '8.1 The processor shall notify the controller of a personal data breach immediately.',
    );
    expect(readAgreement(text).profile.sources).toMatchObject({
      'breachTerms.standard':
        '8.1: "The processor shall notify the controller of a personal data breach immediately."',
    });
  });
});
