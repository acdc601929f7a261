import builtinAuthorities from '../authorities/builtin-authorities.json';
import { FORM_STYLES, type FormStyle } from '../authorities/authority.entity';
import {
  type AuthorityFormInput,
  type AuthorityObligationInput,
  AUTHORITY_FORMS,
  FACT_LABELS,
  FOLLOW_UP_NOTE,
  isLateNotification,
  layoutAuthorityForm,
} from './authority-form';
import { FIELDS_BY_KEY } from './catalogue';
import type { Answer } from './form.util';
import { TEXT_LANGUAGES, type TextLanguage } from './render.util';

const DUE = new Date('2026-11-25T09:00:00Z');
const open = (over: Partial<AuthorityObligationInput> = {}): AuthorityObligationInput => ({
  status: 'open',
  dueAt: DUE,
  conservativeDueAt: new Date('2026-11-25T08:12:00Z'),
  metAt: null,
  reasonsForDelay: null,
  ...over,
});

function input(over: Partial<AuthorityFormInput> = {}): AuthorityFormInput {
  return {
    zone: 'Europe/Oslo',
    languages: ['nb', 'en'],
    at: new Date('2026-11-22T10:00:00Z'),
    answers: new Map<string, Answer>(),
    completed: new Set(),
    controllerName: 'Fjord Kommune',
    controllerDpo: { name: 'Ola Personvern', email: 'personvern@fjord.example', phone: '+47 22 00 00 00' },
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt: new Date('2026-11-22T08:12:00Z'),
    controllerAwareAt: new Date('2026-11-22T09:00:00Z'),
    risk: null,
    exception: null,
    obligation: open(),
    ...over,
  };
}

const field = (style: FormStyle, i: AuthorityFormInput, key: string) =>
  layoutAuthorityForm(style, i)
    .groups.flatMap((g) => g.fields)
    .find((f) => f.key === key);

describe('the authority forms', () => {
  it.each(FORM_STYLES)(
    '%s: has its wording in each of its languages, and says where its order comes from',
    (style) => {
      const layout = AUTHORITY_FORMS[style];
      expect(layout.source).toEqual(
        expect.objectContaining({ title: expect.any(String), note: expect.any(String) }),
      );
      expect(['authority', 'art33-3']).toContain(layout.source.order);
      for (const g of layout.groups) {
        for (const l of layout.languages)
          expect([g.key, l, g.title[l]]).toEqual([g.key, l, expect.any(String)]);
        for (const key of g.fields)
          expect([key, key.startsWith('fact:') ? FACT_LABELS[key] : FIELDS_BY_KEY.get(key)]).toEqual([
            key,
            expect.anything(),
          ]);
      }
      // Every form asks for the contact point (Art. 33(3)(b)) and the reasons for a delay (Art. 33(1)).
      const keys = layout.groups.flatMap((g) => g.fields);
      expect(keys).toEqual(expect.arrayContaining(['contactPoint', 'reasonsForDelay']));
    },
  );

  it('gives Denmark and Sweden layouts of their own, each citing its source', () => {
    expect(AUTHORITY_FORMS['dk-datatilsynet'].source).toMatchObject({
      url: 'https://www.datatilsynet.dk/sikkerhedsbrud/anmeld-sikkerhedsbrud',
      order: 'art33-3',
    });
    expect(AUTHORITY_FORMS['dk-datatilsynet'].groups.map((g) => g.key)).toEqual([
      'nature',
      'contact',
      'consequences',
      'measures',
      'delay',
      'information',
    ]);
    expect(AUTHORITY_FORMS.imy.source).toMatchObject({ url: 'https://e-tjanster.imy.se/sv/anmalan' });
    expect(AUTHORITY_FORMS.imy.groups.map((g) => g.key)).toEqual([
      'controller',
      'incident',
      'data-subjects',
      'consequences',
      'measures',
      'information',
    ]);
  });

  it('has every authority declare languages its form has wording for', () => {
    const declared = Object.fromEntries(builtinAuthorities.map((a) => [a.id, a.languages]));
    expect(declared).toEqual({
      'no-datatilsynet': ['nb', 'en'],
      'dk-datatilsynet': ['da', 'en'],
      'se-imy': ['sv', 'en'],
      'de-bw-lfdi': ['de', 'en'],
      'de-by-baylda': ['de', 'en'],
      'de-nw-ldi': ['de', 'en'],
    });
    for (const a of builtinAuthorities)
      for (const l of a.languages)
        expect([a.id, AUTHORITY_FORMS[a.formStyle as FormStyle].languages]).toEqual([
          a.id,
          expect.arrayContaining([l]),
        ]);
  });

  it('has the follow-up note and the fact labels in every language', () => {
    for (const l of TEXT_LANGUAGES) {
      expect(FOLLOW_UP_NOTE[l]).toContain('33');
      for (const labels of Object.values(FACT_LABELS)) expect(labels[l]).toEqual(expect.any(String));
    }
  });

  it('writes instants as the language does, keeping ISO 8601 in the value', () => {
    const f = field('datatilsynet', input(), 'fact:discoveredAt');
    expect(f).toMatchObject({
      state: 'known',
      text: { nb: '22. november 2026 kl. 09.00 (UTC+01:00)', en: '22 November 2026, 09:00 (UTC+01:00)' },
      value: '2026-11-22T08:00:00.000Z',
    });
  });
});

describe(isLateNotification.name, () => {
  const before = new Date('2026-11-25T09:00:00Z');
  const after = new Date('2026-11-25T09:00:00.001Z');
  it.each<[string, AuthorityObligationInput | null, Date, boolean | null]>([
    ['open, at the due instant', open(), before, false],
    ['open, a millisecond later', open(), after, true],
    [
      'awaiting the anchor: the conservative due decides',
      open({ status: 'awaiting-anchor', dueAt: null }),
      new Date('2026-11-25T08:30:00Z'),
      true,
    ],
    [
      'met in time, looked at later',
      open({ status: 'met', metAt: before }),
      new Date('2026-12-01T00:00:00Z'),
      false,
    ],
    ['met, but awareness has since moved earlier', open({ status: 'met', metAt: after }), after, true],
    ['met late', open({ status: 'met-late', metAt: after, reasonsForDelay: 'x' }), after, true],
    ['no due time at all', open({ dueAt: null, conservativeDueAt: null }), after, null],
    ['no obligation', null, after, null],
  ])('%s', (_name, o, at, expected) => {
    expect(isLateNotification(o, at)).toBe(expected);
  });
});

describe('the reasons for a delay (Art. 33(1)) in each layout', () => {
  const late = new Date('2026-11-26T12:00:00Z');
  const languagesOf = (style: FormStyle) => AUTHORITY_FORMS[style].languages;
  const texts = (style: FormStyle, f: (l: TextLanguage) => string) =>
    Object.fromEntries(languagesOf(style).map((l) => [l, f(l)]));

  it.each(FORM_STYLES)('%s: an obligation met late gives its recorded reasons', (style) => {
    const i = input({
      languages: languagesOf(style),
      at: late,
      obligation: open({ status: 'met-late', metAt: late, reasonsForDelay: 'Scope took four days' }),
    });
    expect(field(style, i, 'reasonsForDelay')).toMatchObject({
      state: 'known',
      text: texts(style, () => 'Scope took four days'),
    });
  });

  it.each(FORM_STYLES)(
    '%s: late with no reasons known, they are to follow, even over "not applicable"',
    (style) => {
      const answers = new Map<string, Answer>([
        ['reasonsForDelay', { state: 'not-applicable', reason: 'In time' }],
      ]);
      const laid = layoutAuthorityForm(
        style,
        input({
          languages: languagesOf(style),
          at: late,
          answers,
          completed: new Set(['initial', 'scope', 'impact', 'response']),
        }),
      );
      expect(laid.groups.flatMap((g) => g.fields).find((f) => f.key === 'reasonsForDelay')).toMatchObject({
        state: 'unknown',
      });
      expect(laid.somethingToFollow).toBe(true);
    },
  );

  it.each(FORM_STYLES)('%s: late, the walk-through’s reasons are used', (style) => {
    const answers = new Map<string, Answer>([
      ['reasonsForDelay', { state: 'known', value: 'Waited for the host' }],
    ]);
    expect(
      field(style, input({ languages: languagesOf(style), at: late, answers }), 'reasonsForDelay'),
    ).toMatchObject({
      state: 'known',
      text: texts(style, () => 'Waited for the host'),
    });
  });

  it('in time, says so with the due time, and nothing is to follow for it', () => {
    expect(field('de-state', input({ languages: ['de', 'en'] }), 'reasonsForDelay')).toMatchObject({
      state: 'not-applicable',
      text: {
        de: 'Nicht zutreffend: innerhalb der 72 Stunden; Frist bis 25. November 2026, 10:00 Uhr (UTC+01:00)',
        en: 'Not applicable: within the 72 hours; due by 25 November 2026, 10:00 (UTC+01:00)',
      },
    });
  });

  it('gives the reasons a filing states over all others', () => {
    const i = input({
      at: late,
      reasonsForDelay: 'Given with the filing',
      obligation: open({ status: 'met-late', metAt: late, reasonsForDelay: 'Recorded earlier' }),
    });
    expect(field('generic', { ...i, languages: ['en'] }, 'reasonsForDelay')).toMatchObject({
      text: { en: 'Given with the filing' },
    });
  });
});

describe('the contact point (Art. 33(3)(b)) in an authority form', () => {
  it.each(FORM_STYLES)('%s: is the controller’s DPO where the walk-through named none', (style) => {
    const f = field(style, input({ languages: AUTHORITY_FORMS[style].languages }), 'contactPoint');
    expect(f?.state).toBe('known');
    for (const text of Object.values(f!.text))
      expect(text).toBe('Ola Personvern, personvern@fjord.example, +47 22 00 00 00');
  });

  it('is the walk-through’s where a person answered it', () => {
    const answers = new Map<string, Answer>([
      ['contactPoint', { state: 'known', value: { name: 'Incident lead', email: 'lead@fjord.example' } }],
    ]);
    expect(field('datatilsynet', input({ answers }), 'contactPoint')?.text.nb).toBe(
      'Incident lead, lead@fjord.example',
    );
  });

  it('stays to follow where neither is known', () => {
    const answers = new Map<string, Answer>([['contactPoint', { state: 'unknown' }]]);
    expect(field('datatilsynet', input({ answers, controllerDpo: null }), 'contactPoint')).toMatchObject({
      state: 'unknown',
      text: { nb: 'Ukjent – ettersendes' },
    });
  });
});
