import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './breach-notice-v1.schema.json';
import type { NoticeContext } from './notice-context.util';

export const BREACH_NOTICE_SCHEMA = schema;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
export const validateBreachNotice = ajv.compile(schema);

export interface NoticeJsonInput {
  noticeId: string;
  issuedAt: Date;
  incident: { reference: string; discoveredAt: Date; processorAwareAt: Date; breachTypes: string[] };
  controllerAwareAt: Date | null;
  processor: {
    name: string;
    address?: string;
    breachContact?: { name?: string; email?: string; phone?: string };
  };
  controller: { id: string; name: string };
  agreement: { id: string; version: number; breachNoticeClause: string };
  obligation: {
    id: string;
    hop: string;
    basis: string;
    windowHours: number;
    dueAt: Date | null;
    conservativeDueAt: Date | null;
  };
}

/**
 * The structured breach notice (schema breach-notice-v1): the same content as the letter, for machines. Instants as
 * data are ISO 8601 (`issuedAt`, `incident`, `obligation`, and each field's `value`); each `text` is what the letter
 * says, written for people.
 */
export function buildNoticeJson(c: NoticeContext, input: NoticeJsonInput): Record<string, unknown> {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const contact = Object.fromEntries(
    Object.entries(input.processor.breachContact ?? {}).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  const notice = {
    schema: 'breach-notice-v1',
    noticeId: input.noticeId,
    kind: c.kind,
    phase: c.phase,
    language: c.language,
    issuedAt: input.issuedAt.toISOString(),
    incident: {
      reference: input.incident.reference,
      discoveredAt: input.incident.discoveredAt.toISOString(),
      processorAwareAt: input.incident.processorAwareAt.toISOString(),
      controllerAwareAt: iso(input.controllerAwareAt),
      breachTypes: input.incident.breachTypes,
    },
    processor: {
      name: input.processor.name,
      ...(input.processor.address ? { address: input.processor.address } : {}),
      ...(Object.keys(contact).length ? { breachContact: contact } : {}),
    },
    controller: input.controller,
    agreement: input.agreement,
    obligation: {
      ...input.obligation,
      dueAt: iso(input.obligation.dueAt),
      conservativeDueAt: iso(input.obligation.conservativeDueAt),
    },
    content: c.sections.flatMap((s) =>
      s.fields.map((f) => ({
        key: f.key,
        item: f.item,
        section: s.title,
        label: f.label,
        state: f.state,
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.reason ? { reason: f.reason } : {}),
        text: f.text,
      })),
    ),
    toFollow: c.sections.flatMap((s) => s.fields.filter((f) => f.toFollow).map((f) => f.key)),
    changes: c.changes.map(({ key, before, after }) => ({ key, before, after })),
    final: c.isFinal,
    reasonsForDelay: c.reasonsForDelay || null,
  };
  if (!validateBreachNotice(notice)) {
    throw new Error(`A notice failed its own schema: ${ajv.errorsText(validateBreachNotice.errors)}`);
  }
  return notice;
}
