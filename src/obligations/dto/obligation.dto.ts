import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PROCESSOR_LIMITS, type ProcessorLimit } from '../../agreements/breach-terms.util';
import { BreachTermsDto } from '../../agreements/dto/agreement-profile.dto';
import { IsInstant } from '../../common/instant.validator';
import { isoOrNull } from '../../common/iso.util';
import { PageQuery } from '../../common/paging';
import { fractionUsed, formatRemaining, inZone, remainingMs } from '../deadline.util';
import type { FailedDelivery } from '../../outbox/outbox.service';
import { ObligationAlert } from '../obligation-alert.entity';
import { Obligation } from '../obligation.entity';
import { RECIPIENTS, type Recipient } from '../../regimes/regime-definition';
import {
  ANCHOR_SOURCES,
  type AnchorSource,
  HOPS,
  type Hop,
  OBLIGATION_BASES,
  type ObligationBasis,
  type ObligationStatus,
  shownStatus,
  STATUSES,
} from '../obligation.util';

class LocalInstantsDto {
  @ApiProperty({ example: 'Europe/Oslo' }) timeZone: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-10-25T02:30:00+01:00' }) anchorAt:
    string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) conservativeDueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) metAt: string | null;
}

class AgreementUsedDto {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: BreachTermsDto, description: 'The terms as they were when the obligation was made' })
  terms: BreachTermsDto;
}

/** Who closed an obligation as not required, and why. */
class ClosureDto {
  @ApiProperty() reasoning: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The decision that closed it; null when closed by hand',
  })
  decisionId: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByKeyId: string | null;
  @ApiProperty() decidedByRole: string;
  @ApiProperty() decidedAt: string;
}

export class FailedDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The delivery id every try carried' }) deliveryId: string;
  @ApiProperty({ example: 'breach-notice', description: 'breach-notice or deadline-alert' }) kind: string;
  @ApiProperty({ enum: ['webhook', 'email'] }) channel: string;
  @ApiProperty() target: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() failedAt: string;
}

class AlertFiredDto {
  @ApiProperty({ enum: [50, 80, 100] }) stage: number;
  @ApiProperty() firedAt: string;
  @ApiProperty() late: boolean;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: HOPS, nullable: true, description: "GDPR's hop; null for another regime's stage" })
  hop: Hop | null;
  @ApiProperty({ example: 'gdpr', description: 'The regime it is owed under (see GET /regimes)' })
  regime: string;
  @ApiProperty({ description: 'The regime version it was made under' }) regimeVersion: number;
  @ApiProperty({ example: 'controller-to-authority', description: "The regime's stage (for GDPR, the hop)" })
  stage: string;
  @ApiProperty({ description: '1, 2, … for a repeatable stage opened again; 1 otherwise' })
  occurrence: number;
  @ApiProperty({ enum: RECIPIENTS, nullable: true, type: String, description: 'Who is told' })
  recipient: Recipient | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The recipient by name, where the regime's jurisdiction names it",
  })
  recipientName: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Another regime's stage: the instant of each event it runs from, as far as known",
  })
  anchors: Record<string, string>;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Null for a duty of ours (NIS2)',
  })
  controllerId: string | null;
  @ApiProperty({ nullable: true, type: String }) authorityId: string | null;
  @ApiProperty({ enum: STATUSES }) status: ObligationStatus;
  @ApiProperty({
    enum: OBLIGATION_BASES,
    description: 'contractual: a number in the agreement; target: ours; statutory: the GDPR',
  })
  basis: ObligationBasis;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Length of the window in elapsed hours; null for calendar months or several anchors',
  })
  windowHours: number | null;
  @ApiProperty({ nullable: true, type: String }) anchorAt: string | null;
  @ApiProperty({ nullable: true, type: String }) anchorReason: string | null;
  @ApiProperty({
    nullable: true,
    enum: ANCHOR_SOURCES,
    description:
      'What the anchor rests on: our awareness, our notice reaching the controller, a person, a decision',
  })
  anchorSource: AnchorSource | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Controller → authority: when our notice first reached the controller (delivered or acknowledged)',
  })
  noticeReachedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) noticeFilingId: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({
    nullable: true,
    enum: PROCESSOR_LIMITS,
    description:
      "Processor → controller: which of the agreement's limits sets dueAt: its hours (or our target), its business " +
      "days in the controller's calendar, the backstop beside a standard with no number, or the hours from the " +
      "breach's confirmation",
  })
  dueLimit: ProcessorLimit | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "Processor → controller: the breach's confirmation, a second anchor where the agreement counts from it",
  })
  confirmedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Controller → authority: 72 h from our own awareness',
  })
  conservativeDueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) metAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonsForDelay: string | null;
  @ApiProperty({ nullable: true, type: ClosureDto }) notRequired: ClosureDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['art33-34-conditions'],
    description: 'Owed only when this condition holds',
  })
  dueOnlyIf: 'art33-34-conditions' | null;
  @ApiProperty({
    type: AgreementUsedDto,
    nullable: true,
    description: "The controller's agreement (GDPR hops)",
  })
  agreement: AgreementUsedDto | null;
  @ApiProperty({
    type: LocalInstantsDto,
    description: "Each instant in the controller's time zone, with its offset",
  })
  local: LocalInstantsDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Milliseconds until dueAt; negative once passed',
  })
  remainingMs: number | null;
  @ApiProperty({ nullable: true, type: String, example: '+3h 05m' }) remaining: string | null;
  @ApiProperty({ nullable: true, type: Number }) conservativeRemainingMs: number | null;
  @ApiProperty({ nullable: true, type: String }) conservativeRemaining: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share of the window used: 0 at the anchor, 1 at the due time',
  })
  fractionUsed: number | null;
  @ApiProperty({ type: [AlertFiredDto] }) alerts: AlertFiredDto[];
  @ApiProperty({
    type: [FailedDeliveryDto],
    description: 'Notices and alerts about this obligation that the outbox gave up on after its last attempt',
  })
  failedDeliveries: FailedDeliveryDto[];
}

/** The obligation as people need it: each instant also in the controller's zone, time left, share of window used. */
export function mapObligation(
  o: Obligation,
  ctx: { now: Date; timeZone: string; alerts?: ObligationAlert[]; failedDeliveries?: FailedDelivery[] },
): ObligationDto {
  const { now, timeZone } = ctx;
  const local = (d: Date | null) => (d ? inZone(d, timeZone) : null);
  const pending = o.status === 'open' || o.status === 'awaiting-anchor';
  const left = pending && o.dueAt ? remainingMs(o.dueAt, now) : null;
  const conservativeLeft = pending && o.conservativeDueAt ? remainingMs(o.conservativeDueAt, now) : null;
  return {
    id: o.id,
    incidentId: o.incidentId,
    hop: o.hop,
    regime: o.regime,
    regimeVersion: o.regimeVersion,
    stage: o.stage,
    occurrence: o.occurrence,
    recipient: o.rule?.recipient ?? null,
    recipientName: o.rule?.recipientName ?? null,
    anchors: o.anchors as Record<string, string>,
    controllerId: o.controllerId,
    authorityId: o.authorityId,
    status: shownStatus(o.status, o.dueAt, now),
    basis: o.basis,
    windowHours: o.windowHours,
    anchorAt: isoOrNull(o.anchorAt),
    anchorReason: o.anchorReason,
    anchorSource: o.anchorSource,
    noticeReachedAt: isoOrNull(o.noticeReachedAt),
    noticeFilingId: o.noticeFilingId,
    dueAt: isoOrNull(o.dueAt),
    dueLimit: o.dueLimit,
    confirmedAt: isoOrNull(o.confirmedAt),
    conservativeDueAt: isoOrNull(o.conservativeDueAt),
    metAt: isoOrNull(o.metAt),
    reasonsForDelay: o.reasonsForDelay,
    notRequired:
      o.status === 'not-required'
        ? {
            reasoning: o.notRequiredReasoning!,
            decisionId: o.closedByDecisionId,
            decidedByKeyId: o.decidedByKeyId,
            decidedByRole: o.decidedByRole!,
            decidedAt: o.decidedAt!.toISOString(),
          }
        : null,
    dueOnlyIf:
      o.hop === 'processor-to-controller' && o.terms?.trigger === 'art33-34-conditions'
        ? 'art33-34-conditions'
        : null,
    agreement:
      o.agreementId !== null && o.agreementVersion !== null && o.terms !== null
        ? { id: o.agreementId, version: o.agreementVersion, terms: o.terms }
        : null,
    local: {
      timeZone,
      anchorAt: local(o.anchorAt),
      dueAt: local(o.dueAt),
      conservativeDueAt: local(o.conservativeDueAt),
      metAt: local(o.metAt),
    },
    remainingMs: left,
    remaining: left === null ? null : formatRemaining(left),
    conservativeRemainingMs: conservativeLeft,
    conservativeRemaining: conservativeLeft === null ? null : formatRemaining(conservativeLeft),
    fractionUsed:
      pending && o.anchorAt && o.dueAt
        ? Math.round(fractionUsed(o.anchorAt, o.dueAt, now) * 10_000) / 10_000
        : null,
    alerts: (ctx.alerts ?? [])
      .filter((a) => a.obligationId === o.id)
      .sort((a, b) => a.stage - b.stage)
      .map((a) => ({ stage: a.stage, firedAt: a.firedAt.toISOString(), late: a.late })),
    failedDeliveries: (ctx.failedDeliveries ?? [])
      .filter((f) => f.obligationId === o.id)
      .map((f) => ({
        deliveryId: f.deliveryId,
        kind: f.kind,
        channel: f.channel,
        target: f.target,
        attempts: f.attempts,
        lastError: f.lastError,
        failedAt: f.failedAt,
      })),
  };
}

export class SetAnchorDto {
  @ApiProperty({ description: 'When the controller became aware, with a zone offset' })
  @IsInstant()
  anchorAt: string;
  @ApiProperty({ example: 'Controller confirmed by phone that our notice reached its DPO at 14:05' })
  @IsString()
  @Length(1, 2000)
  reason: string;
  @ApiPropertyOptional({
    description:
      'Needed when the earlier anchor makes an authority notification already given late (Art. 33(1))',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;
}

export class MarkMetDto {
  @ApiPropertyOptional({ description: 'When the notice was given; default now' })
  @IsOptional()
  @IsInstant()
  metAt?: string;
  @ApiPropertyOptional({ description: 'Required when met after the due time (Art. 33(1))' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;
}

export class MarkNotRequiredDto {
  @ApiProperty({ description: 'Why this notice is not owed; kept in the register' })
  @IsString()
  @Length(1, 10_000)
  reasoning: string;
}

/** The form of a regime's id and of its stages' ids (`nis2`, `intermediate-report`). */
const REGIME_ID = /^[a-z][a-z0-9-]*$/;

/**
 * One page of an incident's obligations (GET /incidents/:incidentId/obligations), each filter optional. The default
 * page is far below an incident of thousands of controllers: that is what the list is for; `GET /incidents/:id` still
 * gives them all.
 */
export class IncidentObligationQueryDto extends PageQuery({ limit: 100, max: 1000 }) {
  @ApiPropertyOptional({ enum: STATUSES, description: '`overdue` is open past its due time; `open` is not yet' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ObligationStatus;

  @ApiPropertyOptional({ enum: HOPS, description: "GDPR's hop (another regime's stages have none)" })
  @IsOptional()
  @IsIn(HOPS)
  hop?: Hop;

  @ApiPropertyOptional({ example: 'gdpr' })
  @IsOptional()
  @IsString()
  @Matches(REGIME_ID)
  @MaxLength(64)
  regime?: string;

  @ApiPropertyOptional({ example: 'controller-to-authority' })
  @IsOptional()
  @IsString()
  @Matches(REGIME_ID)
  @MaxLength(64)
  stage?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One controller's obligations" })
  @IsOptional()
  @IsUUID()
  controllerId?: string;
}

/** A stage opened by hand: one the recipient asks for (NIS2's intermediate report), or a repeatable one again. */
export class OpenStageDto {
  @ApiProperty({ example: 'nis2' })
  @IsString()
  @Matches(REGIME_ID)
  @MaxLength(64)
  regime: string;
  @ApiProperty({ example: 'intermediate-report' })
  @IsString()
  @Matches(REGIME_ID)
  @MaxLength(64)
  stage: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The controller whose duty it is (a regime of the controller's, DORA); left out for a duty of ours",
  })
  @IsOptional()
  @IsUUID()
  controllerId?: string;
  @ApiProperty({ description: 'The date asked for (or the one the law sets), with a zone offset' })
  @IsInstant()
  dueAt: string;
  @ApiProperty({ example: 'BSI asked on the phone for a status update by Friday noon' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
