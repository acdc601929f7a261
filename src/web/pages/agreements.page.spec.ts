import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgreementProfileDto } from '../../agreements/dto/agreement-profile.dto';
import { agreementForm, termRows } from './agreements.page';

const profile = (id: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'agreements', 'profiles', `${id}.json`), 'utf8'),
  ) as AgreementProfileDto;

describe('the agreement page', () => {
  it('puts each breach term beside the clause that sets it and the words quoted', () => {
    const rows = termRows(profile('dotnet-internals'));
    expect(rows.find((r) => r.term === 'standard')).toEqual({
      term: 'standard',
      value: 'without-undue-delay',
      clause: '8.1',
      source: expect.stringContaining('notify the Data Controller in writing of the breach'),
    });
    expect(rows.find((r) => r.term === 'requiredContent')).toMatchObject({
      value: 'a: always, b: always, c: always, d: always',
      clause: '8.2',
    });
    expect(rows.find((r) => r.term === 'thirdPartyDisclosure')).toMatchObject({ clause: '8.4' });
    expect(rows).toHaveLength(11);
  });

  it('says where the agreement is silent, and shows no quote it does not have', () => {
    const silent = { ...profile('dotnet-internals'), sources: undefined };
    silent.clauses = { breachNotice: '8.1', assistance: null };
    const assistance = termRows(silent).find((r) => r.term === 'assistance');
    expect(assistance).toEqual({ term: 'assistance', value: 'documented-costs', clause: null, source: null });
  });

  it('pre-fills the form from a version, and starts empty without one', () => {
    const form = agreementForm(profile('videonor'));
    expect(form.title).toBe(profile('videonor').title);
    expect((form.standard as { value: string; selected: boolean }[]).filter((o) => o.selected)).toEqual([
      { value: 'immediately', selected: true },
    ]);
    expect(JSON.parse(form.requiredContentJson as string)).toEqual(
      profile('videonor').breachTerms.requiredContent,
    );
    const empty = agreementForm(null);
    expect(empty.hours).toBe('');
    expect((empty.languages as { checked: boolean }[]).some((l) => l.checked)).toBe(false);
  });
});
