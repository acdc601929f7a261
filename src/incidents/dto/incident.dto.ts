import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { ObligationDto } from '../../obligations/dto/obligation.dto';
import { STATUSES, type ObligationStatus } from '../../obligations/obligation.util';
import { IsInstant } from '../../common/instant.validator';
import { IsOmittable } from '../../common/validation';
import { isoOrNull } from '../../common/iso.util';
import { MAX_OFFSET } from '../../common/paging';
import { BREACH_TYPES, type BreachType, Incident } from '../incident.entity';
import { TIMELINE_KINDS, type TimelineKind, TimelineEntry } from '../../timeline/timeline-entry.entity';

export const OWN_SYSTEMS = 'own-systems';

export { MAX_OFFSET };

export class CreateIncidentDto {
  @ApiProperty({ example: 'Mail relay forwarded customer exports to an outside address' })
  @IsString()
  @Length(1, 300)
  title: string;

  @IsString() @Length(1, 20_000) description: string;

  @ApiProperty({
    example: '2026-11-22T09:12:00+01:00',
    description: 'When the breach was discovered; with a zone offset',
  })
  @IsInstant()
  discoveredAt: string;

  @ApiPropertyOptional({
    description:
      'When we, the processor, became aware. Anchors every processor deadline. Left out: the earlier of discoveredAt ' +
      'and subprocessorNotifiedAt (never "now"), and the response says it was defaulted',
  })
  @IsOptional()
  @IsInstant()
  processorAwareAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsInstant() occurredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() occurredTo?: string;

  @ApiPropertyOptional({
    default: OWN_SYSTEMS,
    description: '`own-systems` or the name of the sub-processor',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  source?: string;

  @ApiPropertyOptional({ description: 'When the sub-processor notified us' })
  @IsOptional()
  @IsInstant()
  subprocessorNotifiedAt?: string;

  @ApiPropertyOptional({ description: 'How it was detected' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  detection?: string;

  @ApiProperty({
    enum: BREACH_TYPES,
    isArray: true,
    description: 'At least one; a breach may be several at once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BREACH_TYPES, { each: true })
  breachTypes: BreachType[];

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  services?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Affected controllers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  controllerIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Every controller under these agreements is affected' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  agreementIds?: string[];

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: every controller we serve is affected (a breach of a platform they all share), each under its own ' +
      'agreement. Not together with controllerIds or agreementIds (400 naming allControllers): "all" and a list ' +
      'would say two things. false or left out: the controllers named by controllerIds and agreementIds',
  })
  @IsOptional()
  @IsBoolean()
  @IsNotCombinedWith(['controllerIds', 'agreementIds'])
  allControllers?: boolean;
}

/** A `true` that cannot stand beside these fields: refused naming the field it is on. */
function IsNotCombinedWith(others: readonly string[]): PropertyDecorator {
  return ValidateBy({
    name: 'isNotCombinedWith',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value !== true ||
        others.every((f) => (args?.object as Record<string, unknown> | undefined)?.[f] === undefined),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} cannot be combined with ${others.join(' or ')}: name controllers, or take them all`,
    },
  });
}

/** PATCH: the facts only; affected controllers are added with POST /incidents/:id/controllers. */
export class UpdateIncidentDto extends PartialType(
  OmitType(CreateIncidentDto, ['controllerIds', 'agreementIds', 'allControllers'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({
    description:
      'Art. 33(1): needed when a corrected processorAwareAt makes a notice already given late; kept on each such obligation',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2026-11-22T14:00:00+01:00',
    description:
      'When we confirmed that it is a breach; with a zone offset; null clears it. Where the agreement counts hours ' +
      'from the confirmation (breachTerms.confirmationHours), the processor deadline moves to the earlier of those ' +
      'and the others. A timeline entry and an audit row, like every correction',
  })
  @IsOptional()
  @IsInstant()
  breachConfirmedAt?: string | null;
}

export class AddControllersDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  controllerIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  agreementIds?: string[];
}

export class AddNoteDto {
  @ApiProperty({ example: 'Rotated the relay credentials; logs preserved.' })
  @IsString()
  @Length(1, 20_000)
  text: string;
}

export class IncidentQueryDto {
  @ApiPropertyOptional({
    enum: STATUSES,
    description: 'Incidents with at least one obligation in this status',
  })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ObligationStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() controllerId?: string;
  @ApiPropertyOptional({ description: 'Discovered at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional({ description: 'Discovered before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

/** The filters of the incidents' lists (and the register's), without the page. */
export type IncidentFilters = Pick<IncidentQueryDto, 'status' | 'controllerId' | 'from' | 'to'>;

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() at: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind: TimelineKind;
  @ApiProperty({ nullable: true, type: String }) actorKeyId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ nullable: true, type: String }) controllerId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BR-2026-0001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() discoveredAt: string;
  @ApiProperty() processorAwareAt: string;
  @ApiProperty({
    description:
      'True when processorAwareAt was left out and taken from the discovery or sub-processor notice',
  })
  processorAwareAtDefaulted: boolean;
  @ApiProperty({ nullable: true, type: String }) occurredFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) occurredTo: string | null;
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true, type: String }) subprocessorNotifiedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When we confirmed the breach; anchors a processor deadline counted from the confirmation',
  })
  breachConfirmedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) detection: string | null;
  @ApiProperty({ enum: BREACH_TYPES, isArray: true }) breachTypes: BreachType[];
  @ApiProperty({ type: [String] }) services: string[];
  @ApiProperty({ type: [String], description: 'Affected controllers (a controller key sees only itself)' })
  controllerIds: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [ObligationDto] }) obligations: ObligationDto[];
  @ApiPropertyOptional({ type: [TimelineEntryDto] }) timeline?: TimelineEntryDto[];
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export function mapIncident(
  i: Incident,
  related: { controllerIds: string[]; obligations: ObligationDto[]; timeline?: TimelineEntry[] },
): IncidentDto {
  return {
    id: i.id,
    reference: i.reference,
    title: i.title,
    description: i.description,
    discoveredAt: i.discoveredAt.toISOString(),
    processorAwareAt: i.processorAwareAt.toISOString(),
    processorAwareAtDefaulted: i.processorAwareAtDefaulted,
    occurredFrom: isoOrNull(i.occurredFrom),
    occurredTo: isoOrNull(i.occurredTo),
    source: i.source,
    subprocessorNotifiedAt: isoOrNull(i.subprocessorNotifiedAt),
    breachConfirmedAt: isoOrNull(i.breachConfirmedAt),
    detection: i.detection,
    breachTypes: i.breachTypes,
    services: i.services,
    controllerIds: related.controllerIds,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    obligations: related.obligations,
    ...(related.timeline
      ? {
          timeline: related.timeline.map((t) => ({
            id: t.id,
            at: t.at.toISOString(),
            kind: t.kind,
            actorKeyId: t.actorKeyId,
            actorRole: t.actorRole,
            controllerId: t.controllerId,
            data: t.data,
          })),
        }
      : {}),
  };
}
