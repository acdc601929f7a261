import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsInstant } from '../../common/instant.validator';

export class CreateAssistanceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() controllerId: string;
  @ApiProperty({ example: 90 }) @IsInt() @Min(1) @Max(100_000) minutes: number;
  @ApiProperty({ example: 'Collected relay logs for the controller’s authority notification' })
  @IsString()
  @Length(1, 5000)
  description: string;
  @ApiPropertyOptional({ description: 'When the work was done; default now' })
  @IsOptional()
  @IsInstant()
  at?: string;
}

export class AssistanceQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
}

export class AssistanceEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() incidentId: string;
  @ApiProperty() minutes: number;
  @ApiProperty() description: string;
  @ApiProperty() at: string;
  @ApiProperty() byRole: string;
}

class IncidentTotalDto {
  @ApiProperty() incidentId: string;
  @ApiProperty() reference: string;
  @ApiProperty() minutes: number;
  @ApiProperty({ type: [AssistanceEntryDto] }) entries: AssistanceEntryDto[];
}

export class AssistanceReportDto {
  @ApiProperty() controllerId: string;
  @ApiProperty() agreementId: string;
  @ApiProperty({
    enum: ['hourly-rates', 'documented-costs', 'none'],
    description: 'How the agreement bills assistance',
  })
  billing: string;
  @ApiProperty({ nullable: true, type: String }) billingClause: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty() totalMinutes: number;
  @ApiProperty({ type: [IncidentTotalDto] }) incidents: IncidentTotalDto[];
}
