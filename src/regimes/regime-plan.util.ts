import { instantOfWallClock } from '../common/wall-clock.util';
import type { AppliesWhen, Jurisdiction, RegimeDefinition, Stage, StageRule } from './regime-definition';
import { splitAnchor } from './regime-validation.util';

/** Which regimes apply to us (config REGIMES), in which country (ORG_COUNTRY), in which sectors (ORG_SECTORS). */
export interface RegimeSettings {
  regimes: readonly string[];
  country: string | null;
  sectors: readonly string[];
}

/** A regime's stages owed by one party on an incident: ours (controller null), or one affected controller's. */
export interface RegimeScope {
  regimeId: string;
  version: number;
  definition: RegimeDefinition;
  controller: { id: string; timeZone: string } | null;
  jurisdiction: Jurisdiction | null;
  timeZone: string;
}

/**
 * The regimes other than GDPR that an incident sets off (GDPR's hops are planned by `planControllerObligations`):
 * - a regime that applies to us, when REGIMES names it: once per incident. Where the regime lists jurisdictions, our
 *   country's must be there, have transposed it, and its law be in force when the incident was discovered
 *   (`inForceFrom`); otherwise it sets off nothing (no deadline is invented);
 * - a regime that applies to controllers, for each affected controller that lists it (`regimes` on the controller).
 */
export function regimeScopes(input: {
  regimes: ReadonlyMap<string, { version: number; definition: RegimeDefinition }>;
  settings: RegimeSettings;
  controllers: readonly { id: string; timeZone: string; regimes: readonly string[] }[];
  ours: boolean;
  /** When the incident was discovered: a law not yet in force then sets nothing off. */
  discoveredAt: Date;
}): RegimeScope[] {
  const scopes: RegimeScope[] = [];
  for (const [regimeId, { version, definition }] of input.regimes) {
    if (regimeId === 'gdpr') continue;
    if (definition.appliesTo === 'us') {
      if (!input.ours || !input.settings.regimes.includes(regimeId)) continue;
      const jurisdiction = ourJurisdiction(definition, input.settings.country);
      if (jurisdiction === 'not-applicable' || !inForceAt(jurisdiction, input.discoveredAt)) continue;
      scopes.push({
        regimeId,
        version,
        definition,
        controller: null,
        jurisdiction,
        timeZone: jurisdiction?.timeZone ?? 'UTC',
      });
      continue;
    }
    for (const c of input.controllers.filter((x) => x.regimes.includes(regimeId))) {
      scopes.push({
        regimeId,
        version,
        definition,
        controller: { id: c.id, timeZone: c.timeZone },
        jurisdiction: null,
        timeZone: c.timeZone,
      });
    }
  }
  return scopes.sort((a, b) => (a.regimeId < b.regimeId ? -1 : a.regimeId > b.regimeId ? 1 : 0));
}

/** Our country's jurisdiction of a regime; null for a regime without jurisdictions; not applicable when not transposed. */
export function ourJurisdiction(
  definition: RegimeDefinition,
  country: string | null,
): Jurisdiction | null | 'not-applicable' {
  if (!definition.jurisdictions?.length) return null;
  const found = definition.jurisdictions.find((j) => j.country === country);
  return found?.transposed ? found : 'not-applicable';
}

/**
 * Whether a jurisdiction's law is in force at `at`: from the start of its `inForceFrom` day on the jurisdiction's wall
 * clock (its zone, else UTC). A regime without jurisdictions, or a jurisdiction naming no date, is in force.
 */
export function inForceAt(
  jurisdiction: Pick<Jurisdiction, 'inForceFrom' | 'timeZone'> | null,
  at: Date,
): boolean {
  if (!jurisdiction?.inForceFrom) return true;
  const [year, month, day] = jurisdiction.inForceFrom.split('-').map(Number);
  const from = instantOfWallClock(
    { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 },
    jurisdiction.timeZone ?? 'UTC',
  );
  return at.getTime() >= from.getTime();
}

/** The stages an incident sets off by itself: all but those opened by hand, and those of another sector. */
export function stagesSetOff(definition: RegimeDefinition, sectors: readonly string[]): Stage[] {
  return definition.stages.filter((s) => s.appliesWhen !== 'manual' && sectorsAllow(s.appliesWhen, sectors));
}

function sectorsAllow(when: AppliesWhen, sectors: readonly string[]): boolean {
  if (typeof when === 'string') return true;
  if ('sector' in when) return sectors.includes(when.sector);
  if ('notSector' in when) return !sectors.includes(when.notSector);
  if ('allOf' in when) return when.allOf.every((w) => sectorsAllow(w, sectors));
  return true;
}

/** The stage as its obligation keeps it: with the zone, recipient and target resolved for this scope. */
export function stageRule(stage: Stage, scope: RegimeScope, targetHours: number): StageRule {
  return {
    ...stage,
    timeZone: scope.timeZone,
    recipientName: scope.jurisdiction?.recipient?.name ?? null,
    jurisdiction: scope.jurisdiction?.country ?? null,
    targetHours,
  };
}

/** Whether the stage's clock runs (among others) from this event. */
export function runsFrom(rule: Pick<Stage, 'due'>, event: string): boolean {
  return (rule.due?.earliestOf ?? []).some((t) => t.anchor === event);
}

/** The stages of `stages` anchored on the submission of `stageId`. */
export function anchoredOnSubmissionOf(stageId: string, rule: Pick<Stage, 'due'>): boolean {
  return (rule.due?.earliestOf ?? []).some((t) => {
    const [kind, ref] = splitAnchor(t.anchor);
    return kind === 'submission' && ref === stageId;
  });
}
