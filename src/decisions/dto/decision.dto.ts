import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/instant.validator';
import { PageQuery } from '../../common/paging';
import { isInForce } from '../decisions-in-force.util';
import {
  ART34_EXCEPTIONS,
  BREACH_FINDINGS,
  Decision,
  DECISION_KINDS,
  BUILTIN_CLASSIFICATION_KINDS,
  CLASSIFICATION_VALUES,
  type ClassificationCriteria,
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
  @ApiProperty({
    example: 'risk',
    description:
      `GDPR: ${DECISION_KINDS.join(', ')}; or a regime's classification (see GET /regimes), built in: ` +
      BUILTIN_CLASSIFICATION_KINDS.join(', '),
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/, {
    message: 'kind must be a decision kind such as risk or significant-incident',
  })
  @MaxLength(64)
  kind: string;

  @ApiProperty({
    enum: [...RISK_VALUES, ...ART34_EXCEPTIONS, ...BREACH_FINDINGS, ...CLASSIFICATION_VALUES],
    description:
      'risk: no-risk | risk | high-risk; art34-exception: Art. 34(3)(a)–(c); not-a-personal-data-breach: ' +
      'no-personal-data | no-breach-of-security, or withdrawn (it is a personal data breach after all); ' +
      'a classification: yes | no (a later decision reclassifies)',
  })
  @IsIn([...RISK_VALUES, ...ART34_EXCEPTIONS, ...BREACH_FINDINGS, ...CLASSIFICATION_VALUES])
  value: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      clientsAffected: '12 % of clients',
      durationAndDowntime: '26 h',
      criticalServicesAffected: true,
    },
    description:
      "A classification's inputs, by the regime's criteria (DORA: Delegated Regulation (EU) 2024/1772)",
  })
  @IsOptional()
  @IsObject()
  criteria?: ClassificationCriteria;

  @ApiPropertyOptional({
    example: '2026-03-29T01:30:00+02:00',
    description:
      "A classification's: when it really took effect (classified on call, recorded later), with a zone offset; " +
      'not in the future, not before the discovery. The stages it governs run from it (NIS2: our awareness of the ' +
      'significant incident; DORA: the classification as major). Left out: from when it is recorded',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;

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
  @ApiProperty({ example: 'risk', description: 'A GDPR kind or a regime classification' }) kind: string;
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
  @ApiProperty({
    nullable: true,
    type: String,
    description: "A classification's: when it took effect, if before it was recorded; its stages run from it",
  })
  effectiveAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByKeyId: string | null;
  @ApiProperty() decidedByRole: string;
  @ApiProperty({ nullable: true, type: String, description: "Who decided: the key's label, or the person" })
  decidedByLabel: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: "A classification's inputs",
  })
  criteria: ClassificationCriteria | null;
  @ApiProperty({ description: 'In force: no later decision superseded it' }) inForce: boolean;
}

export function mapDecision(d: Decision, all: Decision[]): DecisionDto {
  return {
    id: d.id,
    incidentId: d.incidentId,
    kind: d.kind,
    value: d.value,
    reasoning: d.reasoning,
    criteria: d.criteria,
    publicCommunication: d.publicCommunication,
    enisa: d.enisa,
    decidedAt: d.decidedAt.toISOString(),
    effectiveAt: d.effectiveAt?.toISOString() ?? null,
    decidedByKeyId: d.decidedByKeyId,
    decidedByRole: d.decidedByRole,
    decidedByLabel: d.decidedByLabel,
    inForce: isInForce(d, all),
  };
}
