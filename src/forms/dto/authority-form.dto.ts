import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, IsOptional } from 'class-validator';

export class AuthorityFormQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose authority; a controller key may leave it out' })
  @IsOptional()
  @IsUUID()
  controllerId?: string;
}

class AuthorityFieldDto {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) label: Record<string, string>;
  @ApiProperty({ enum: ['known', 'unknown', 'not-applicable', 'missing'] }) state: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Ready to paste, per language',
  })
  text: Record<string, string>;
}

class AuthorityGroupDto {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) title: Record<string, string>;
  @ApiProperty({ type: [AuthorityFieldDto] }) fields: AuthorityFieldDto[];
}

export class AuthorityFormDto {
  @ApiProperty() authorityId: string;
  @ApiProperty() authorityName: string;
  @ApiProperty({ format: 'uuid' }) controllerId: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ description: 'Instants are shown in this zone, with their offset' }) timeZone: string;
  @ApiProperty({ description: 'Something is still to follow: say so in the report' }) firstReport: boolean;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'string' } })
  followUpNote: Record<string, string> | null;
  @ApiProperty({ type: [AuthorityGroupDto] }) groups: AuthorityGroupDto[];
}
