import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Answer } from '../forms/form.util';
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
  answers: Map<string, Answer>;
}

/** The structured breach notice (schema breach-notice-v1): the same content as the letter, for machines. */
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
      s.fields.map((f) => {
        const answer = input.answers.get(f.key);
        return {
          key: f.key,
          item: f.item,
          section: s.title,
          label: f.label,
          state: f.state,
          ...(answer?.state === 'known' && !f.key.startsWith('fact:') ? { value: answer.value } : {}),
          ...(answer?.state === 'not-applicable' && answer.reason ? { reason: answer.reason } : {}),
          text: f.text,
        };
      }),
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
