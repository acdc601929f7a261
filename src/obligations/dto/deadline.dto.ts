import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { isInstant } from '../../common/instant.validator';
import { MAX_OFFSET } from '../../common/paging';
import { ObligationDto } from './obligation.dto';
import { registerDecorator } from 'class-validator';

export const DEADLINE_STATUSES = ['open', 'overdue', 'awaiting-anchor'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** `+6h`, `+90m`, `+2d` (a bare `6h` too: a `+` in a query string arrives as a space). */
const RELATIVE = /^\+?(\d{1,5})([mhd])$/;

/** The instant `before` names: an instant with a zone offset, or a span from now. */
export function resolveBefore(value: string, now: Date): Date {
  const relative = RELATIVE.exec(value);
  if (!relative) return new Date(value);
  const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
  return new Date(now.getTime() + Number(relative[1]) * unitMs);
}

function IsBefore(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'before must be an instant with a zone offset, or a span from now such as +6h, +90m or +2d',
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && (RELATIVE.test(v) || isInstant(v)) },
    });
}

export class DeadlineQueryDto {
  @ApiPropertyOptional({
    example: '+6h',
    description: 'Due before this: an instant with offset, or +Nm / +Nh / +Nd from now',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsBefore()
  before?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One controller's obligations" })
  @IsOptional()
  @IsUUID()
  controllerId?: string;

  @ApiPropertyOptional({ enum: DEADLINE_STATUSES, description: 'Default: all three' })
  @IsOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(DEADLINE_STATUSES)
  status?: DeadlineStatus;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export class DeadlineDto extends ObligationDto {
  @ApiProperty({ description: 'dueAt, or the conservative due time while the anchor is unknown' })
  effectiveDueAt: string;
  @ApiProperty({ example: 'BR-2026-0001' }) incidentReference: string;
  @ApiProperty() incidentTitle: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for a duty of ours (NIS2)' })
  controllerName: string | null;
  @ApiProperty({ example: 'nis2 · early-warning', description: 'Regime and stage, for people' })
  label: string;
}
