import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegimeDefinition } from './regime-definition';
import { regimeScopes, stagesSetOff } from './regime-plan.util';

const builtin = (id: string): RegimeDefinition =>
  JSON.parse(readFileSync(join(__dirname, 'builtin', `${id}.json`), 'utf8')) as RegimeDefinition;
const regimes = new Map(['gdpr', 'nis2', 'dora'].map((id) => [id, { version: 1, definition: builtin(id) }]));
const bank = { id: 'bank', timeZone: 'Europe/Oslo', regimes: ['dora'] };
const school = { id: 'school', timeZone: 'Europe/Oslo', regimes: [] };

describe(regimeScopes.name, () => {
  const scopes = (country: string | null, ours = true) =>
    regimeScopes({
      regimes,
      settings: { regimes: ['gdpr', 'nis2'], country, sectors: [] },
      controllers: [bank, school],
      ours,
    }).map((s) => [s.regimeId, s.controller?.id ?? 'us', s.timeZone]);

  it("sets off NIS2 once, as ours, in our country's zone, and DORA for the controller that lists it", () => {
    expect(scopes('de')).toEqual([
      ['dora', 'bank', 'Europe/Oslo'],
      ['nis2', 'us', 'Europe/Berlin'],
    ]);
  });

  it('sets off no NIS2 deadline where NIS2 is not transposed (Norway) or our country is not listed', () => {
    expect(scopes('no')).toEqual([['dora', 'bank', 'Europe/Oslo']]);
    expect(scopes(null)).toEqual([['dora', 'bank', 'Europe/Oslo']]);
  });

  it('leaves our own regimes out for controllers added later', () => {
    expect(scopes('de', false)).toEqual([['dora', 'bank', 'Europe/Oslo']]);
  });
});

describe(stagesSetOff.name, () => {
  it('leaves the stages opened by hand out, and picks the notification by sector', () => {
    expect(stagesSetOff(builtin('nis2'), []).map((s) => s.id)).toEqual([
      'early-warning',
      'incident-notification',
      'final-report',
    ]);
    expect(stagesSetOff(builtin('nis2'), ['trust-service']).map((s) => s.id)).toEqual([
      'early-warning',
      'incident-notification-trust-service',
      'final-report',
    ]);
  });
});
