import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/instant.validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'agreement' }) @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) entityId?: string;
  @ApiPropertyOptional({ description: 'From this instant (inclusive), with a zone offset' })
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (exclusive), with a zone offset' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Rows after this seq (the `next` of the previous page)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be a seq number' })
  after?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}
