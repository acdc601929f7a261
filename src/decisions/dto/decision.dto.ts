import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsInstant } from '../../common/instant.validator';
import { PageQuery } from '../../common/paging';
import { isInForce } from '../decisions-in-force.util';
import {
  ART34_EXCEPTIONS,
  BREACH_FINDINGS,
  Decision,
  DECISION_KINDS,
  type DecisionKind,
  RISK_VALUES,
} from '../decision.entity';

export class PublicCommunicationDto {
  @ApiProperty({ example: 'Notice on our website and in two national newspapers' })
  @IsString()
  @Length(1, 500)
  channel: string;
  @ApiProperty({ description: 'When it was (or will be) published, with a zone offset' })
  @IsInstant()
  at: string;
  @ApiProperty() @IsString() @Length(1, 10_000) description: string;
}

export class CreateDecisionDto {
  @ApiProperty({ enum: DECISION_KINDS }) @IsIn(DECISION_KINDS) kind: DecisionKind;

  @ApiProperty({
    enum: [...RISK_VALUES, ...ART34_EXCEPTIONS, ...BREACH_FINDINGS],
    description:
      'risk: no-risk | risk | high-risk; art34-exception: Art. 34(3)(a)–(c); not-a-personal-data-breach: ' +
      'no-personal-data | no-breach-of-security, or withdrawn (it is a personal data breach after all)',
  })
  @IsIn([...RISK_VALUES, ...ART34_EXCEPTIONS, ...BREACH_FINDINGS])
  value: string;

  @ApiProperty({ description: 'Why: kept in the Art. 33(5) record' })
  @IsString()
  @Length(1, 20_000)
  reasoning: string;

  @ApiPropertyOptional({
    type: PublicCommunicationDto,
    description: 'Required with disproportionate-effort (Art. 34(3)(c))',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PublicCommunicationDto)
  publicCommunication?: PublicCommunicationDto;
}

export class DecisionListQueryDto extends PageQuery({ limit: 100, max: 1000 }) {}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: DECISION_KINDS }) kind: DecisionKind;
  @ApiProperty() value: string;
  @ApiProperty() reasoning: string;
  @ApiProperty({ nullable: true, type: PublicCommunicationDto })
  publicCommunication: PublicCommunicationDto | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The ENISA score when decided',
  })
  enisa: { score: number; band: string } | null;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedByKeyId: string | null;
  @ApiProperty() decidedByRole: string;
  @ApiProperty({ nullable: true, type: String, description: "Who decided: the key's label, or the person" })
  decidedByLabel: string | null;
  @ApiProperty({ description: 'In force: no later decision superseded it' }) inForce: boolean;
}

export function mapDecision(d: Decision, all: Decision[]): DecisionDto {
  return {
    id: d.id,
    incidentId: d.incidentId,
    kind: d.kind,
    value: d.value,
    reasoning: d.reasoning,
    publicCommunication: d.publicCommunication,
    enisa: d.enisa,
    decidedAt: d.decidedAt.toISOString(),
    decidedByKeyId: d.decidedByKeyId,
    decidedByRole: d.decidedByRole,
    decidedByLabel: d.decidedByLabel,
    inForce: isInForce(d, all),
  };
}
