import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintAgreement } from './agreement-lint.util';
import { BUILTIN_PROFILES_DIR } from './agreements.service';
import { validateProfile } from './profile-validation.util';

const TARGETS = { immediately: 4, withoutUndueDelay: 24 };

const files = readdirSync(BUILTIN_PROFILES_DIR).filter((f) => f.endsWith('.json'));
const load = (id: string) => {
  const { profile, problems } = validateProfile(
    JSON.parse(readFileSync(join(BUILTIN_PROFILES_DIR, `${id}.json`), 'utf8')),
  );
  expect(problems).toEqual([]);
  return profile;
};

describe('built-in agreement profiles', () => {
  it('are the four agreements of the seeds', () => {
    expect(files.sort()).toEqual([
      'alfaview.json',
      'decision-beacon.json',
      'dotnet-internals.json',
      'videonor.json',
    ]);
  });

  it.each(files.map((f) => f.replace('.json', '')))(
    '%s is valid, lint-clean, and traces its breach terms',
    (id) => {
      const profile = load(id);
      expect(profile.id).toBe(id);
      expect(lintAgreement(profile, TARGETS)).toEqual([]);
      for (const key of ['breachTerms.standard', 'breachTerms.requiredContent', 'breachTerms.assistance']) {
        expect(profile.sources?.[key]).toEqual(expect.any(String));
      }
    },
  );

  it('Videonor is one agreement signed in English and Norwegian, "immediately" (5.6), held to a target', () => {
    const p = load('videonor');
    expect(p.languages).toEqual(['en', 'nb']);
    expect(p.clauses.breachNotice).toBe('5.6');
    expect(p.breachTerms).toMatchObject({
      standard: 'immediately',
      basis: 'target',
      assistance: 'hourly-rates',
    });
    expect(p.breachTerms.requiredContent.every((r) => r.when === 'if-risk')).toBe(true);
  });

  it('Dotnet Internals: without undue delay, in writing, all of 33(3)(a)–(d), phases, no third parties (8.1–8.4)', () => {
    const p = load('dotnet-internals');
    expect(p.clauses).toMatchObject({
      breachNotice: '8.1',
      noticeContent: '8.2',
      phases: '8.2',
      thirdParties: '8.4',
    });
    expect(p.breachTerms).toMatchObject({
      standard: 'without-undue-delay',
      basis: 'target',
      writtenForm: true,
      phased: true,
      thirdPartyDisclosure: 'forbidden-without-instruction',
      assistance: 'documented-costs',
    });
    expect(p.breachTerms.requiredContent.map((r) => `${r.item}:${r.when}`)).toEqual([
      'a:always',
      'b:always',
      'c:always',
      'd:always',
    ]);
    // Appendix C.8 names the supplier's own channel for breach matters: the contact point in our notices.
    expect(p.processor.breachContact).toEqual({ phone: '63 01 67 10' });
    expect(p.sources?.['processor.breachContact']).toContain('C.8');
  });

  it('Decision Beacon: 48 contractual hours, covering its sub-processors (8.1)', () => {
    const p = load('decision-beacon');
    expect(p.breachTerms).toMatchObject({
      standard: 'within-hours',
      hours: 48,
      basis: 'contractual',
      coversSubprocessors: true,
    });
    expect(p.breachTerms.requiredContent.map((r) => r.item)).toEqual(['a', 'c', 'd']);
  });

  it('alfaview: informs only when the Art. 33/34 conditions are met, acts for the customer only on instruction', () => {
    const p = load('alfaview');
    expect(p.languages).toContain('de');
    expect(p.breachTerms).toMatchObject({
      trigger: 'art33-34-conditions',
      actsForControllerOnlyOnInstruction: true,
      assistance: 'documented-costs',
    });
  });
});
