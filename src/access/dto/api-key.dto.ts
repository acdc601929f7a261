import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IsOmittable } from '../../common/validation';
import { ApiKey } from '../api-key.entity';
import { ROLES, type Role } from '../roles';

export class CreateApiKeyDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, the controller role' })
  @IsOmittable()
  @IsUUID()
  controllerId?: string;

  @ApiPropertyOptional({ example: 'on-call laptop, Kari' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class ApiKeyListQueryDto extends PageQuery({ limit: 500, max: 1000 }) {}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) controllerId: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ description: 'The first characters of the key' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key. Shown this once: only its hash is kept.' }) key: string;
}

export function mapApiKey(row: ApiKey): ApiKeyDto {
  return {
    id: row.id,
    role: row.role,
    controllerId: row.controllerId,
    label: row.label,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
