import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regimeProblems } from './regime-validation.util';

const BUILTIN = join(__dirname, 'builtin');
const builtin = (file: string): unknown => JSON.parse(readFileSync(join(BUILTIN, file), 'utf8'));

describe(regimeProblems.name, () => {
  it.each(readdirSync(BUILTIN).filter((f) => f.endsWith('.json')))('accepts the built-in %s', (file) => {
    expect(regimeProblems(builtin(file))).toEqual([]);
  });

  it('names each bad field of a malformed regime', () => {
    const problems = regimeProblems({
      id: 'Bad Id',
      version: 0,
      title: 't',
      source: { citation: 'x' },
      appliesTo: 'everyone',
      classifications: [],
      stages: [
        {
          id: 'a',
          title: 't',
          recipient: 'police',
          appliesWhen: 'sometimes',
          due: { earliestOf: [{ anchor: 'lunch', window: { days: 3 } }] },
          content: ['Not a key'],
          sources: [{ about: 'a', citation: 'x' }],
          colour: 'red',
        },
      ],
    });
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'id',
        'version',
        'appliesTo',
        'stages.0.recipient',
        'stages.0.appliesWhen',
        'stages.0.due.earliestOf.0.anchor',
        'stages.0.due.earliestOf.0.window',
        'stages.0.content.0',
        'stages.0.colour',
      ].sort(),
    );
    expect(problems.find((p) => p.field === 'stages.0.due.earliestOf.0.window')!.messages).toEqual([
      expect.stringContaining('"months": n'),
    ]);
  });

  it('refuses anchors naming no stage or classification of the regime, and stages waiting on each other', () => {
    const stage = (id: string, anchor: string) => ({
      id,
      title: id,
      recipient: 'csirt',
      appliesWhen: { classification: 'nope' },
      due: { earliestOf: [{ anchor, window: { months: 1 } }] },
      content: ['whatHappened'],
      sources: [{ about: id, citation: 'x' }],
    });
    const problems = regimeProblems({
      id: 'loop',
      version: 1,
      title: 'Loop',
      source: { citation: 'x' },
      appliesTo: 'us',
      classifications: [],
      stages: [stage('a', 'submission:b'), stage('b', 'submission:a'), stage('c', 'classification:x')],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'stages.0.appliesWhen', messages: ['names no classification of this regime: nope'] },
        {
          field: 'stages.2.due.earliestOf.0.anchor',
          messages: [expect.stringContaining('no classification')],
        },
        { field: 'stages.0.due', messages: [expect.stringContaining('its own submission')] },
        { field: 'stages.1.due', messages: [expect.stringContaining('its own submission')] },
      ]),
    );
  });

  it('holds gdpr to the stages the code plans: an extra or repeated stage, another anchor or appliesTo, each named', () => {
    const gdpr = builtin('gdpr.json') as {
      appliesTo: string;
      stages: { id: string; repeatable?: boolean; due: { earliestOf: { anchor: string }[] } }[];
    };
    gdpr.appliesTo = 'us';
    gdpr.stages[1].due.earliestOf[0].anchor = 'processor-awareness';
    gdpr.stages[2].repeatable = true;
    gdpr.stages.push({ ...structuredClone(gdpr.stages[0]), id: 'controller-to-press' });
    // The agreement's window is a controller's regime's: with appliesTo "us" the general rule names it too.
    expect(regimeProblems(gdpr).map((p) => p.field)).toEqual([
      'stages.0.due.earliestOf.0.window',
      'stages.3.due.earliestOf.0.window',
      'appliesTo',
      'stages.1.due.earliestOf.0.anchor',
      'stages.2.repeatable',
      'stages.3.id',
    ]);
  });

  it('refuses a stage whose content names a field the catalogue lacks, naming each', () => {
    const regime = builtin('nis2.json') as { stages: { content: string[] }[] };
    regime.stages[1].content = ['whatHappened', 'rootCause', 'measuresTaken', 'economicImpact'];
    expect(regimeProblems(regime)).toEqual([
      { field: 'stages.1.content.1', messages: ['rootCause is not a field of the catalogue'] },
      { field: 'stages.1.content.3', messages: ['economicImpact is not a field of the catalogue'] },
    ]);
  });
});
