import { REGIME_FIXTURES } from '../../../test/fixtures/regimes';
import type { Answer } from '../../forms/form.util';
import { RegimeDocumentStages } from './regime-document-stages';
import { buildStageReport } from './stage-report.util';

const INCIDENT = { id: '7d0c0a5e-8a55-4b9e-9d3c-1a1c3a8f9e01', reference: 'BD-2026-0007' };
const sut = new RegimeDocumentStages(REGIME_FIXTURES, { nis2: 'de', dora: 'de' });
const known = (value: unknown): Answer => ({ state: 'known', value });

describe(buildStageReport.name, () => {
  it('lists each field of the stage with its answer, what is to follow and what is missing', () => {
    const answers = new Map<string, Answer>([
      ['whatHappened', known('Ransomware encrypted the file servers')],
      ['discovery', { state: 'known', value: 'Monitoring alert', derived: true }],
      ['suspectedMalicious', known(true)],
      ['crossBorderImpact', { state: 'unknown' }],
    ]);
    const report = buildStageReport(sut.find('nis2', 'early-warning')!, answers, INCIDENT);
    expect(report).toMatchObject({
      regime: 'nis2',
      stage: 'early-warning',
      recipient: 'csirt',
      jurisdiction: { country: 'de', language: 'de', zone: 'Europe/Berlin' },
      reference: 'BD-2026-0007',
      unknown: ['crossBorderImpact'],
      missing: ['contactPoint'],
      ready: false,
    });
    expect(report.fields.map((f) => [f.key, f.state])).toEqual([
      ['whatHappened', 'known'],
      ['discovery', 'known'],
      ['suspectedMalicious', 'known'],
      ['crossBorderImpact', 'unknown'],
      ['contactPoint', 'missing'],
    ]);
    expect(report.fields[1]).toMatchObject({ derived: true, value: 'Monitoring alert' });
  });

  it('is ready once everything is answered, "unknown, to follow" counting where the field allows it', () => {
    const answers = new Map<string, Answer>([
      ['whatHappened', known('x')],
      ['discovery', known('y')],
      ['suspectedMalicious', { state: 'unknown' }],
      ['crossBorderImpact', known(false)],
      ['contactPoint', known({ name: 'CSIRT desk', email: 'csirt@ops.example' })],
    ]);
    expect(buildStageReport(sut.find('nis2', 'early-warning')!, answers, INCIDENT)).toMatchObject({
      ready: true,
      missing: [],
      unknown: ['suspectedMalicious'],
    });
  });

  it('counts "unknown" as missing where the field must be known at once', () => {
    const answers = new Map<string, Answer>([['whatHappened', { state: 'unknown' }]]);
    const report = buildStageReport(sut.find('nis2', 'early-warning')!, answers, INCIDENT);
    expect(report.missing).toContain('whatHappened');
  });
});

describe(RegimeDocumentStages.name, () => {
  it('resolves each stage for the chosen country, and knows no stage it was not given', () => {
    expect(
      new RegimeDocumentStages(REGIME_FIXTURES, { nis2: 'dk', dora: 'de' }).find('nis2', 'final-report'),
    ).toMatchObject({ jurisdiction: { country: 'dk', language: 'da' } });
    expect(sut.find('nis2', 'no-such-stage')).toBeUndefined();
    expect(sut.find('gdpr', 'controller-to-authority')).toBeUndefined();
  });

  it('refuses a regime without the chosen jurisdiction, or a stage naming a field the catalogue lacks', () => {
    expect(() => new RegimeDocumentStages(REGIME_FIXTURES, { nis2: 'no', dora: 'de' })).toThrow(
      /jurisdiction no/,
    );
    const bad = {
      ...REGIME_FIXTURES[0],
      stages: [{ id: 'x', title: 'X', recipient: 'csirt', content: ['nope'] }],
    };
    expect(() => new RegimeDocumentStages([bad], { nis2: 'de' })).toThrow(/nope/);
  });
});
