import type { Answer } from '../../forms/form.util';
import { TEXT_LANGUAGES } from '../../forms/render.util';
import { templatesDir } from '../../letters/templates.service';
import dora from '../builtin/dora.json';
import nis2 from '../builtin/nis2.json';
import type { RegimeDefinition } from '../regime-definition';
import { buildDoraReport, DORA_SUBMISSIONS, doraProblems, doraReclassification } from './dora-report.util';
import { resolveStage } from './registry-report-stages';
import { buildLetterContext } from './report-letter.util';
import { ReportTemplatesService } from './report-templates.service';
import { buildStageReport } from './stage-report.util';

const INCIDENT = { id: '7d0c0a5e-8a55-4b9e-9d3c-1a1c3a8f9e01', reference: 'BD-2026-0007' };
const ISSUED = new Date('2026-03-29T00:30:00Z');
const known = (value: unknown): Answer => ({ state: 'known', value });

describe(ReportTemplatesService.name, () => {
  const sut = new ReportTemplatesService();
  sut.load(templatesDir());
  const earlyWarning = new Map<string, Answer>([
    ['whatHappened', known('Ransomware verschlüsselte die Dateiserver')],
    ['discovery', known('EDR alert at 01:10')],
    ['suspectedMalicious', known(true)],
    ['crossBorderImpact', { state: 'unknown' }],
  ]);
  const letter = (country: string, answers: Map<string, Answer>) =>
    buildLetterContext(
      buildStageReport(resolveStage(nis2 as RegimeDefinition, 'early-warning', country)!, answers, INCIDENT),
      sut.stringsFor,
      ISSUED,
    );

  it('writes a NIS2 early warning to the BSI in German and English side by side', () => {
    const text = sut.renderText(letter('de', earlyWarning));
    expect(text).toContain('Frühe Erstmeldung / Early warning');
    expect(text).toContain('Bundesamt für Sicherheit in der Informationstechnik (BSI)');
    expect(text).toContain(
      '[de] Besteht der Verdacht, dass der Vorfall auf rechtswidrige oder böswillige Handlungen zurückzuführen ist?: Ja',
    );
    expect(text).toContain(
      '[en] Is the incident suspected of being caused by unlawful or malicious acts?: Yes',
    );
    expect(text).toContain(
      '[de] Könnte der Vorfall grenzüberschreitende Auswirkungen haben?: Unbekannt – wird nachgereicht',
    );
    expect(text).toContain('[en] Could the incident have a cross-border impact?: Unknown – to follow');
    // The contact point is not answered: the letter says so in both languages and is marked a draft.
    expect(text).toContain('Noch nicht beantwortet');
    expect(text).toContain('Not answered yet');
    expect(text).toContain('Draft: some content is not answered yet');
    // 00:30 UTC on the night Germany moves to summer time is 01:30 CET, with its offset.
    expect(text).toMatch(/Ausgestellt: .*01:30.*\+01:00/);

    const html = sut.renderHtml(letter('de', earlyWarning));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<td lang="de"');
    expect(html).toContain('<td lang="en"');
    expect(html).toContain('Ransomware verschlüsselte die Dateiserver');
  });

  it('writes to the Danish authority in Danish and English', () => {
    const ctx = letter('dk', earlyWarning);
    expect(ctx.columns.map((c) => c.language)).toEqual(['da', 'en']);
    expect(sut.renderText(ctx)).toContain('Tidlig varsling / Early warning');
  });

  it('has a title for every built-in NIS2 stage in every language', () => {
    for (const language of TEXT_LANGUAGES) {
      const strings = sut.stringsFor(language);
      const missing = nis2.stages.map((s) => `report.nis2.${s.id}`).filter((key) => !strings[key]);
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('drops the draft note once nothing is missing', () => {
    const answers = new Map(earlyWarning).set('contactPoint', known({ name: 'Ops', email: 'ops@x.example' }));
    const text = sut.renderText(letter('de', answers));
    expect(text).not.toContain('Draft');
    expect(text).toContain('What is marked “Unknown – to follow” will follow in a later report.');
  });
});

describe(buildDoraReport.name, () => {
  it("has a type of submission for each of the built-in DORA regime's stages, and the reclassification", () => {
    expect([...dora.stages.map((s) => s.id), 'reclassification'].sort()).toEqual(
      Object.keys(DORA_SUBMISSIONS).sort(),
    );
  });

  const initial = new Map<string, Answer>([
    ['reporter', known({ name: 'Nordlys Cloud AS', email: 'sec@nordlys.example' })],
    ['doraSubmittingEntityCode', known('5493001KJTIIGC8Y1R12')],
    ['affectedControllers', { state: 'known', value: ['Fjordbank ASA'], derived: true }],
    ['doraEntityType', known('credit_institution')],
    ['doraEntityLei', known('5493000IBP32UQZ0KL24')],
    ['contactPoint', known({ name: 'Kari Drift', email: 'kari@nordlys.example', phone: '+47 22 00 00 01' })],
    ['doraReportCurrency', known('NOK')],
    ['incidentReference', { state: 'known', value: 'BD-2026-0007', derived: true }],
    ['detectedAt', { state: 'known', value: '2026-03-28T23:10:00.000Z', derived: true }],
    ['doraClassifiedAt', known('2026-03-29T01:00:00+01:00')],
    ['whatHappened', known('Payment API unavailable after a failed change')],
    [
      'doraClassificationCriteria',
      known(['critical_services_affected', 'geographical_spread', 'data_losses']),
    ],
    ['doraMemberStates', known(['NO', 'DK'])],
    ['breachTypes', { state: 'known', value: ['availability'], derived: true }],
    ['doraDataLosses', known('Transaction logs of two hours unavailable')],
    ['doraDiscoveredBy', known('monitoring_systems')],
    ['doraThirdPartyOrigin', { state: 'not-applicable', reason: 'Our own change' }],
    ['businessContinuityActivated', known(true)],
    ['doraOtherInformation', { state: 'unknown' }],
  ]);

  it('gives an initial notification in the template’s structure, valid against the schema', () => {
    const report = buildDoraReport('initial-notification', initial);
    expect(doraProblems(report)).toEqual([]);
    expect(report).toEqual({
      incidentSubmission: 'initial_notification',
      reportCurrency: 'NOK',
      submittingEntity: {
        entityType: 'SUBMITTING_ENTITY',
        name: 'Nordlys Cloud AS',
        code: '5493001KJTIIGC8Y1R12',
      },
      affectedEntity: [
        {
          entityType: 'AFFECTED_ENTITY',
          name: 'Fjordbank ASA',
          affectedEntityType: ['credit_institution'],
          LEI: '5493000IBP32UQZ0KL24',
        },
      ],
      primaryContact: { name: 'Kari Drift', email: 'kari@nordlys.example', phone: '+47 22 00 00 01' },
      incident: {
        financialEntityCode: 'BD-2026-0007',
        detectionDateTime: '2026-03-28T23:10:00.000Z',
        classificationDateTime: '2026-03-29T01:00:00+01:00',
        incidentDescription: 'Payment API unavailable after a failed change',
        classificationTypes: [
          { classificationCriterion: 'critical_services_affected' },
          { classificationCriterion: 'geographical_spread', countryCodeMaterialityThresholds: ['NO', 'DK'] },
          {
            classificationCriterion: 'data_losses',
            dataLosseMaterialityThresholds: ['availability'],
            dataLossesDescription: 'Transaction logs of two hours unavailable',
          },
        ],
        incidentDiscovery: 'monitoring_systems',
        isBusinessContinuityActivated: true,
      },
    });
  });

  it('names each field an intermediate or final report still lacks', () => {
    expect(doraProblems(buildDoraReport('intermediate-report', initial))).toEqual(
      expect.arrayContaining([
        { field: 'incident.incidentOccurrenceDateTime', messages: [expect.any(String)] },
        { field: 'incident.incidentType', messages: [expect.any(String)] },
        { field: 'impactAssessment', messages: [expect.any(String)] },
        { field: 'reportingToOtherAuthorities', messages: [expect.any(String)] },
      ]),
    );
    const missingClassification = new Map(initial);
    missingClassification.delete('doraClassifiedAt');
    expect(doraProblems(buildDoraReport('initial-notification', missingClassification))).toEqual([
      { field: 'incident.classificationDateTime', messages: [expect.any(String)] },
    ]);
  });

  it('gives a reclassification as non-major with the reasons of the "no" in force, valid against the schema', () => {
    const at = (iso: string) => new Date(iso);
    const history = [
      {
        kind: 'major-ict-incident',
        value: 'yes',
        reasoning: 'Payments down',
        decidedAt: at('2026-03-29T00:00:00Z'),
      },
      { kind: 'risk', value: 'risk', reasoning: 'Logs only', decidedAt: at('2026-03-29T01:00:00Z') },
      {
        kind: 'major-ict-incident',
        value: 'no',
        reasoning: 'Restored in 40 min',
        decidedAt: at('2026-03-29T02:00:00Z'),
      },
    ];
    const reclassification = doraReclassification(history)!;
    expect(reclassification).toEqual({ reason: 'Restored in 40 min', decidedAt: at('2026-03-29T02:00:00Z') });
    const report = buildDoraReport('reclassification', initial, reclassification);
    expect(doraProblems(report)).toEqual([]);
    expect(report).toMatchObject({
      incidentSubmission: 'major_incident_reclassified_as_non-major',
      incident: { otherInformation: 'Reclassified as non-major: Restored in 40 min' },
    });
    // A "no" with no "yes" before it, or a "yes" again after the "no", is no reclassification.
    expect(doraReclassification(history.slice(2))).toBeNull();
    expect(
      doraReclassification([...history, { ...history[0], decidedAt: at('2026-03-29T03:00:00Z') }]),
    ).toBeNull();
  });

  it('gives a final report that validates once root cause, resolution and costs are known', () => {
    const final = new Map(initial)
      .set('occurredSpan', known({ from: '2026-03-28T22:50:00Z' }))
      .set('doraIncidentType', known(['system_failure']))
      .set('doraClientsAffected', known({ min: 1000, max: 4000 }))
      .set('servicesAndSystems', known(['Payment API']))
      .set('doraOtherAuthorities', known(['data_protection_authority']))
      .set('doraRootCauseTypes', known(['process_failure']))
      .set('threatType', known('A change went out without its rollback plan'))
      .set('mitigationApplied', known('Rolled back; change approval now needs a tested rollback'))
      .set('doraResolvedAt', known('2026-03-29T03:00:00Z'))
      .set('doraCostsAndLosses', known(250000));
    const report = buildDoraReport('final-report', final);
    expect(doraProblems(report)).toEqual([]);
    expect(report).toMatchObject({
      incidentSubmission: 'final_report',
      impactAssessment: { affectedAssets: { affectedClients: { number: 4000 } } },
      incident: { grossAmountIndirectDirectCosts: 250000, rootCauseHLClassification: ['process_failure'] },
    });
  });
});
