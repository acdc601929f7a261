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
  @ApiPropertyOptional({ description: 'The value as data (instants in ISO 8601), where the field has one' })
  value?: unknown;
  @ApiPropertyOptional({ description: 'Why the field is not applicable, where someone said' })
  reason?: string;
}

class LayoutSourceDto {
  @ApiProperty() title: string;
  @ApiPropertyOptional() url?: string;
  @ApiProperty({
    enum: ['authority', 'art33-3'],
    description: "authority: the authority's own form gives the order; art33-3: it could not be established",
  })
  order: 'authority' | 'art33-3';
  @ApiProperty() note: string;
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
  @ApiProperty({ type: LayoutSourceDto, description: 'Where the order of the groups comes from' })
  source: LayoutSourceDto;
  @ApiProperty({ type: [AuthorityGroupDto] }) groups: AuthorityGroupDto[];
}
