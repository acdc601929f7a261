import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IncidentQueryDto } from '../../incidents/dto/incident.dto';

/**
 * The incidents' filters, with a larger page: the register is read whole for an authority's review. The CSV is the
 * whole register (streamed) unless `limit` is given; the JSON is paged like every other list.
 */
export class RegisterQueryDto extends OmitType(IncidentQueryDto, ['limit'] as const) {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    default: 500,
    minimum: 1,
    maximum: 5000,
    description: 'JSON: incidents per page (default 500). CSV: left out, the whole register',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

class RegisterDecisionDto {
  @ApiProperty() kind: string;
  @ApiProperty() value: string;
  @ApiProperty() reasoning: string;
  @ApiProperty() decidedAt: string;
  @ApiProperty() decidedByRole: string;
  @ApiProperty({ description: "Who decided: the key's label or the person, else the role" })
  decidedBy: string;
  @ApiProperty({
    description: 'False once a later decision superseded it: kept in the record, relied on by nothing',
  })
  inForce: boolean;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) publicCommunication: unknown;
}

class RegisterObligationDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: "GDPR's hop; null for another regime's stage" })
  hop: string | null;
  @ApiProperty({ example: 'gdpr' }) regime: string;
  @ApiProperty({ example: 'controller-to-authority' }) stage: string;
  @ApiProperty() occurrence: number;
  @ApiProperty({ nullable: true, type: String }) recipient: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null for a duty of ours (NIS2)' })
  controllerId: string | null;
  @ApiProperty() status: string;
  @ApiProperty() basis: string;
  @ApiProperty({ nullable: true, type: String }) anchorAt: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) conservativeDueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) metAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonsForDelay: string | null;
  @ApiProperty({ nullable: true, type: String }) notRequiredReasoning: string | null;
}

export class RegisterEntryDto {
  @ApiProperty() incidentId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() discoveredAt: string;
  @ApiProperty() processorAwareAt: string;
  @ApiProperty({ nullable: true, type: String }) occurredFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) occurredTo: string | null;
  @ApiProperty({ type: [String] }) breachTypes: string[];
  @ApiProperty({ description: 'Notified to an authority (at least one authority obligation met)' })
  notified: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The facts, as text (unknown ones say so)',
  })
  facts: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) effects: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) remedialAction: Record<
    string,
    string
  >;
  @ApiProperty({ type: [RegisterDecisionDto] }) decisions: RegisterDecisionDto[];
  @ApiProperty({
    nullable: true,
    type: RegisterDecisionDto,
    description:
      'The finding that this is not a personal data breach, while in force: the incident stays in the record',
  })
  notAPersonalDataBreach: RegisterDecisionDto | null;
  @ApiProperty({
    nullable: true,
    type: RegisterDecisionDto,
    description: 'The Art. 34(3) exception in force',
  })
  art34Exception: RegisterDecisionDto | null;
  @ApiProperty({ type: [RegisterObligationDto] }) obligations: RegisterObligationDto[];
}
