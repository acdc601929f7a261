import { requirements } from './decision-effects.util';

const risk = (value: string) => ({ kind: 'risk' as const, value });
const exception = (value: string) => ({ kind: 'art34-exception' as const, value });

describe(requirements.name, () => {
  it('owes the authority, not yet the data subjects, before anyone decides', () => {
    expect(requirements([])).toEqual({ authority: true, dataSubjects: false });
  });

  it('owes nobody on no risk, the authority on risk, both on high risk', () => {
    expect(requirements([risk('no-risk')])).toEqual({ authority: false, dataSubjects: false });
    expect(requirements([risk('risk')])).toEqual({ authority: true, dataSubjects: false });
    expect(requirements([risk('high-risk')])).toEqual({ authority: true, dataSubjects: true });
  });

  it('lifts the data-subject notice on an Art. 34(3) exception after the high-risk decision', () => {
    expect(requirements([risk('high-risk'), exception('unintelligible')])).toEqual({
      authority: true,
      dataSubjects: false,
    });
  });

  it('lets a later decision re-open what an earlier one closed', () => {
    expect(requirements([risk('no-risk'), risk('high-risk')])).toEqual({
      authority: true,
      dataSubjects: true,
    });
    expect(requirements([risk('high-risk'), exception('subsequent-measures'), risk('high-risk')])).toEqual({
      authority: true,
      dataSubjects: true,
    });
    expect(requirements([risk('high-risk'), risk('no-risk')])).toEqual({
      authority: false,
      dataSubjects: false,
    });
  });
});
