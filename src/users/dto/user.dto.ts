import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../access/roles';
import { PageQuery } from '../../common/paging';
import { isKnownTimeZone } from '../../common/time-zone.util';
import { IsOmittable } from '../../common/validation';
import { UI_LOCALES, type UiLocale } from '../../web/i18n/ui-strings';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../password.util';
import { AppUser } from '../user.entity';

/** An IANA zone the runtime knows, e.g. Europe/Oslo. */
export function IsTimeZone(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && isKnownTimeZone(value),
      defaultMessage: (args) => `${args?.property} must be an IANA time zone, e.g. Europe/Oslo`,
    },
  });
}

/** A new password: long enough, and not so long that hashing it is a burden. */
export function IsNewPassword(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsString()(target, property);
    MinLength(MIN_PASSWORD_LENGTH, {
      message: `${String(property)} must be at least ${MIN_PASSWORD_LENGTH} characters`,
    })(target, property);
    MaxLength(MAX_PASSWORD_LENGTH)(target, property);
  };
}

export class CreateUserDto {
  @ApiProperty({ format: 'email', example: 'kari@processor.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Kari Nordmann', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, the controller role' })
  @IsOmittable()
  @IsUUID()
  controllerId?: string;

  @ApiPropertyOptional({ enum: UI_LOCALES, default: 'en' })
  @IsOmittable()
  @IsIn(UI_LOCALES)
  locale?: UiLocale;

  @ApiPropertyOptional({ example: 'Europe/Oslo', default: 'UTC' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOmittable() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The controller of a controller user; null when the role is another',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID()
  controllerId?: string | null;

  @ApiPropertyOptional({ description: 'true ends every session of the user at once' })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: UI_LOCALES }) @IsOmittable() @IsIn(UI_LOCALES) locale?: UiLocale;

  @ApiPropertyOptional({ example: 'Europe/Oslo' }) @IsOmittable() @IsTimeZone() timeZone?: string;
}

/** GET /users: oldest first, a page at a time. */
export class UserListQueryDto extends PageQuery({ limit: 1000, max: 5000 }) {}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) controllerId: string | null;
  @ApiProperty({ enum: UI_LOCALES }) locale: UiLocale;
  @ApiProperty() timeZone: string;
  @ApiProperty({ description: 'A second factor (TOTP) is set up' }) totpEnabled: boolean;
  @ApiProperty({ description: 'A password is set (else the user waits for a set-password link)' })
  hasPassword: boolean;
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: string;
}

export class PasswordLinkDto {
  @ApiProperty({ description: 'The link to give the user; shown this once' }) url: string;
  @ApiProperty() expiresAt: string;
}

export function mapUser(row: AppUser, hasPassword: boolean): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    controllerId: row.controllerId,
    locale: row.locale,
    timeZone: row.timeZone,
    totpEnabled: row.totpEnabled,
    hasPassword,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
