import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsObject } from 'class-validator';
import { FIELD_STATES, type FieldState, PHASES, type Phase } from '../catalogue';

export class AnswerDto {
  @ApiProperty({ enum: FIELD_STATES }) state: FieldState;
  @ApiPropertyOptional({ description: 'The value, when known (its shape depends on the field type)' })
  value?: unknown;
  @ApiPropertyOptional({ description: 'Why the field does not apply' }) reason?: string;
}

export class SavePhaseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      description: '{ state: known | unknown | not-applicable, value?, reason? }',
    },
    example: {
      natureOfBreach: { state: 'known', value: 'Misconfigured relay rule' },
      approxRecords: { state: 'unknown' },
    },
  })
  @IsObject()
  // Free-form answers are taken as sent: class-transformer would drop keys such as `valueOf` from nested objects.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.fields)
  fields: Record<string, AnswerDto>;
}

class PhaseViewDto {
  @ApiProperty({ enum: PHASES }) key: Phase;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) title: Record<string, string>;
  @ApiProperty({ enum: ['not-started', 'in-progress', 'complete'] }) status: string;
  @ApiProperty({ type: [String] }) missing: string[];
}

class FieldViewDto {
  @ApiProperty() key: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
  @ApiProperty({ type: [String] }) sources: string[];
  @ApiProperty({ nullable: true, enum: [...FIELD_STATES, null], description: 'null: not answered yet' })
  state: FieldState | null;
  @ApiPropertyOptional() value?: unknown;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'Taken from the incident’s own facts' }) derived: boolean;
  @ApiProperty() answered: boolean;
}

class LackingDto {
  @ApiProperty({ enum: ['a', 'b', 'c', 'd'] }) item: string;
  @ApiProperty() field: string;
  @ApiProperty({ enum: ['missing', 'unknown', 'not-applicable'] }) state: string;
}

class ControllerNeedsDto {
  @ApiProperty({ format: 'uuid' }) controllerId: string;
  @ApiProperty() agreementId: string;
  @ApiProperty({
    description: 'The agreement version its obligations recorded: what this walk-through reads',
  })
  agreementVersion: number;
  @ApiProperty({ description: 'The agreement lets the notice come in phases' }) phased: boolean;
  @ApiProperty({
    description: 'The content items (Art. 33(3)) this controller’s agreement requires in the next notice',
  })
  requiredItems: string[];
  @ApiProperty({ type: [LackingDto], description: 'Required content not yet known' }) lacking: LackingDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      "The lint of the agreement version this incident's obligations recorded (GET /agreements/:id/lint's warnings)",
  })
  warnings: { code: string; message: string; figures: Record<string, number | string> }[];
}

export class FormViewDto {
  @ApiProperty({ type: [PhaseViewDto] }) phases: PhaseViewDto[];
  @ApiProperty({ nullable: true, enum: [...PHASES, null] }) next: Phase | null;
  @ApiProperty({ type: [ControllerNeedsDto] }) controllers: ControllerNeedsDto[];
  @ApiProperty({ type: [FieldViewDto] }) fields: FieldViewDto[];
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'ENISA score and band, when its inputs are known',
  })
  enisa: { score: number; band: string } | null;
  @ApiProperty({ nullable: true, type: String, enum: ['no-risk', 'risk', 'high-risk', null] }) risk:
    string | null;
}
