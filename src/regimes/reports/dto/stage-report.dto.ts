import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ReportFieldDto {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
  @ApiProperty({ type: [String] }) sources: string[];
  @ApiProperty({ enum: ['known', 'unknown', 'not-applicable', 'missing'] }) state: string;
  @ApiPropertyOptional() value?: unknown;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'Taken from the incident’s own facts' }) derived: boolean;
}

class JurisdictionDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The country whose law applies; null for a regime without jurisdictions (DORA)',
  })
  country: string | null;
  @ApiProperty({ description: 'The recipient’s language; letters add English beside it' }) language: string;
  @ApiProperty() zone: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) recipient: { name: string };
}

export class StageReportDto {
  @ApiProperty() regime: string;
  @ApiProperty() stage: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The recipient kind' }) recipient: string;
  @ApiProperty({ type: JurisdictionDto }) jurisdiction: JurisdictionDto;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: [ReportFieldDto] }) fields: ReportFieldDto[];
  @ApiProperty({ type: [String], description: 'Unknown, to follow' }) unknown: string[];
  @ApiProperty({ type: [String], description: 'Not answered (or unknown where it must be known)' })
  missing: string[];
  @ApiProperty() ready: boolean;
}
