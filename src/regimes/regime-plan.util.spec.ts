import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegimeDefinition } from './regime-definition';
import { inForceAt, regimeScopes, stagesSetOff } from './regime-plan.util';

const builtin = (id: string): RegimeDefinition =>
  JSON.parse(readFileSync(join(__dirname, 'builtin', `${id}.json`), 'utf8')) as RegimeDefinition;
const regimes = new Map(['gdpr', 'nis2', 'dora'].map((id) => [id, { version: 1, definition: builtin(id) }]));
const bank = { id: 'bank', timeZone: 'Europe/Oslo', regimes: ['dora'] };
const school = { id: 'school', timeZone: 'Europe/Oslo', regimes: [] };

describe(regimeScopes.name, () => {
  const scopes = (country: string | null, ours = true, discoveredAt = '2026-11-22T08:00:00Z') =>
    regimeScopes({
      regimes,
      settings: { regimes: ['gdpr', 'nis2'], country, sectors: [] },
      controllers: [bank, school],
      ours,
      discoveredAt: new Date(discoveredAt),
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

  it("sets off no NIS2 deadline for an incident discovered before our country's law was in force", () => {
    // NIS2UmsuCG: in force 6 Dec 2025, a day that starts at 23:00 UTC on the 5th in Berlin.
    expect(scopes('de', true, '2025-12-05T22:59:59Z')).toEqual([['dora', 'bank', 'Europe/Oslo']]);
    expect(scopes('de', true, '2025-12-05T23:00:00Z')).toEqual([
      ['dora', 'bank', 'Europe/Oslo'],
      ['nis2', 'us', 'Europe/Berlin'],
    ]);
    // NIS 2-loven: in force 1 Jul 2025, at 00:00 in Copenhagen, summer time (22:00 UTC the day before).
    expect(scopes('dk', true, '2025-06-30T21:59:59Z')).toEqual([['dora', 'bank', 'Europe/Oslo']]);
    expect(scopes('dk', true, '2025-06-30T22:00:00Z')).toContainEqual(['nis2', 'us', 'Europe/Copenhagen']);
  });

  it('leaves our own regimes out for controllers added later', () => {
    expect(scopes('de', false)).toEqual([['dora', 'bank', 'Europe/Oslo']]);
  });
});

describe(inForceAt.name, () => {
  it('is in force from the start of the day on the jurisdiction’s wall clock, else in UTC, and always without a date', () => {
    const at = (iso: string) => new Date(iso);
    expect(
      inForceAt({ inForceFrom: '2025-12-06', timeZone: 'Europe/Berlin' }, at('2025-12-05T22:59:59.999Z')),
    ).toBe(false);
    expect(
      inForceAt({ inForceFrom: '2025-12-06', timeZone: 'Europe/Berlin' }, at('2025-12-05T23:00:00Z')),
    ).toBe(true);
    expect(inForceAt({ inForceFrom: '2025-12-06' }, at('2025-12-05T23:00:00Z'))).toBe(false);
    expect(inForceAt({ inForceFrom: '2025-12-06' }, at('2025-12-06T00:00:00Z'))).toBe(true);
    expect(inForceAt({ timeZone: 'Europe/Berlin' }, at('2000-01-01T00:00:00Z'))).toBe(true);
    expect(inForceAt(null, at('2000-01-01T00:00:00Z'))).toBe(true);
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
