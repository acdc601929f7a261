import type { Role } from '../../access/roles';
import type { DataControllerResponseDto } from '../../data-controllers/dto/data-controller.dto';
import type { IncidentDto, TimelineEntryDto } from '../../incidents/dto/incident.dto';
import type { ObligationDto } from '../../obligations/dto/obligation.dto';

/** The roles that may use each obligation action, as the API's @Access says (the controller role has its portal). */
const MAY: Record<'anchor' | 'met' | 'notRequired' | 'addControllers' | 'note', readonly Role[]> = {
  anchor: ['admin', 'dpo'],
  met: ['admin', 'dpo'],
  notRequired: ['admin', 'dpo'],
  addControllers: ['admin', 'dpo'],
  note: ['admin', 'dpo', 'responder'],
};

export function may(role: Role, action: keyof typeof MAY): boolean {
  return MAY[action].includes(role);
}

/** One obligation as the incident page shows it, with the actions this role may take on it. */
export interface ObligationRow {
  o: ObligationDto;
  zone: string;
  /** The due time that counts now: the real one, or the conservative one while the anchor is unknown. */
  shownDueAt: string | null;
  overdue: boolean;
  pending: boolean;
  /** Past its due time: a notice given now needs the reasons for the delay (Art. 33(1)). */
  late: boolean;
  canAnchor: boolean;
  canMet: boolean;
  canNotRequired: boolean;
}

export function obligationRow(o: ObligationDto, role: Role, now: Date): ObligationRow {
  const pending = o.status === 'open' || o.status === 'overdue' || o.status === 'awaiting-anchor';
  const shownDueAt = o.dueAt ?? o.conservativeDueAt;
  return {
    o,
    zone: o.local.timeZone,
    shownDueAt,
    overdue: o.status === 'overdue',
    pending,
    late: !!shownDueAt && Date.parse(shownDueAt) < now.getTime(),
    // Only the authority's clock runs from the controller's awareness, which can be set by hand.
    canAnchor: o.hop === 'controller-to-authority' && may(role, 'anchor'),
    canMet: pending && may(role, 'met'),
    // Art. 33(2) knows no risk threshold: the API refuses to close the processor's notice by hand.
    canNotRequired: pending && o.hop !== 'processor-to-controller' && may(role, 'notRequired'),
  };
}

export interface ObligationGroup {
  controller: { id: string; name: string; timeZone: string };
  /** Our own duties (a regime that applies to us, e.g. NIS2): no controller. */
  ours: boolean;
  rows: ObligationRow[];
}

/**
 * The incident's obligations grouped by controller, in the order the controllers are named, then our own duties (a
 * regime that applies to us), if any.
 */
export function obligationsByController(
  incident: IncidentDto,
  controllers: Map<string, DataControllerResponseDto>,
  role: Role,
  now: Date,
): ObligationGroup[] {
  const groups = incident.controllerIds
    .map((id) => {
      const c = controllers.get(id);
      return {
        controller: { id, name: c?.name ?? id, timeZone: c?.timeZone ?? 'UTC' },
        ours: false,
        rows: incident.obligations
          .filter((o) => o.controllerId === id)
          .map((o) => obligationRow(o, role, now)),
      };
    })
    .sort((a, b) => a.controller.name.localeCompare(b.controller.name));
  const ours = incident.obligations.filter((o) => o.controllerId === null);
  if (ours.length === 0) return groups;
  return [
    ...groups,
    {
      controller: { id: 'ours', name: '', timeZone: ours[0].local.timeZone },
      ours: true,
      rows: ours.map((o) => obligationRow(o, role, now)),
    },
  ];
}

/** A timeline entry's data as short readable lines: strings as they are, anything else as compact JSON. */
export function timelineLines(entry: TimelineEntryDto): { key: string; text: string }[] {
  return Object.entries(entry.data).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return { key, text: text.length > 300 ? `${text.slice(0, 300)}…` : text };
  });
}

/** The pages of one incident, for the tabs at the top of each, by role. */
export function incidentTabs(
  id: string,
  role: Role,
  current: string,
): { href: string; key: string; current: boolean }[] {
  const staff = ['admin', 'dpo'].includes(role);
  return [
    { href: `/ui/incidents/${id}`, key: 'tabs.incident', show: true },
    { href: `/ui/incidents/${id}/walk-through`, key: 'tabs.walkThrough', show: true },
    { href: `/ui/incidents/${id}/decisions`, key: 'tabs.decisions', show: staff },
    { href: `/ui/incidents/${id}/letters`, key: 'tabs.letters', show: staff },
    { href: `/ui/incidents/${id}/authority-form`, key: 'tabs.authorityForm', show: staff },
  ]
    .filter((t) => t.show)
    .map((t) => ({ href: t.href, key: t.key, current: t.key === current }));
}
