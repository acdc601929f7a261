import type { Answer } from '../../forms/form.util';
import dora from '../builtin/dora.json';
import nis2 from '../builtin/nis2.json';
import type { RegimeDefinition } from '../regime-definition';
import { resolveStage } from './registry-report-stages';
import { buildStageReport } from './stage-report.util';

const INCIDENT = { id: '7d0c0a5e-8a55-4b9e-9d3c-1a1c3a8f9e01', reference: 'BD-2026-0007' };
const NIS2 = nis2 as RegimeDefinition;
const earlyWarning = () => resolveStage(NIS2, 'early-warning', 'de')!;
const known = (value: unknown): Answer => ({ state: 'known', value });

describe(buildStageReport.name, () => {
  it('lists each field of the stage with its answer, what is to follow and what is missing', () => {
    const answers = new Map<string, Answer>([
      ['whatHappened', known('Ransomware encrypted the file servers')],
      ['discovery', { state: 'known', value: 'Monitoring alert', derived: true }],
      ['suspectedMalicious', known(true)],
      ['crossBorderImpact', { state: 'unknown' }],
    ]);
    const report = buildStageReport(earlyWarning(), answers, INCIDENT);
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
    expect(buildStageReport(earlyWarning(), answers, INCIDENT)).toMatchObject({
      ready: true,
      missing: [],
      unknown: ['suspectedMalicious'],
    });
  });

  it('counts "unknown" as missing where the field must be known at once', () => {
    const answers = new Map<string, Answer>([['whatHappened', { state: 'unknown' }]]);
    const report = buildStageReport(earlyWarning(), answers, INCIDENT);
    expect(report.missing).toContain('whatHappened');
  });
});

describe(resolveStage.name, () => {
  it("resolves a stage for our country's jurisdiction, and knows no stage the regime lacks", () => {
    expect(resolveStage(NIS2, 'final-report', 'dk')).toMatchObject({
      regime: 'nis2',
      id: 'final-report',
      recipient: 'csirt',
      jurisdiction: { country: 'dk', language: 'da', zone: 'Europe/Copenhagen' },
    });
    expect(resolveStage(NIS2, 'no-such-stage', 'de')).toBeUndefined();
  });

  it('owes no report where our country has not transposed the regime, or is not listed', () => {
    expect(resolveStage(NIS2, 'early-warning', 'no')).toBeUndefined();
    expect(resolveStage(NIS2, 'early-warning', null)).toBeUndefined();
  });

  it("writes a regime without jurisdictions (DORA) in English, in UTC, to the financial entity's authority", () => {
    expect(resolveStage(dora as RegimeDefinition, 'initial-notification', 'de')!.jurisdiction).toEqual({
      country: null,
      language: 'en',
      zone: 'UTC',
      recipient: { name: "the financial entity's competent authority" },
    });
  });
});
