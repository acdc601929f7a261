import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/validation';
import { UI_LOCALES, type UiLocale } from '../../web/i18n/ui-strings';
import { MAX_PASSWORD_LENGTH } from '../password.util';
import { IsNewPassword, IsTimeZone, UserDto } from './user.dto';

export class SignInDto {
  @ApiProperty({ example: 'kari@processor.example' }) @IsString() @MinLength(1) @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(MAX_PASSWORD_LENGTH) password: string;
  @ApiPropertyOptional({ description: 'The 6-digit code of the authenticator app, when the user has one' })
  @IsOmittable()
  @IsString()
  @MaxLength(10)
  totp?: string;
}

export const SIGN_IN_STEPS = ['done', 'totp', 'enrol-totp'] as const;
export type SignInStep = (typeof SIGN_IN_STEPS)[number];

export class SignInResultDto {
  @ApiProperty({
    enum: SIGN_IN_STEPS,
    description:
      '`totp`: the password is right, now send it again with the code (no session yet); `enrol-totp`: signed in, ' +
      'but an admin must set up a second factor before anything else; `done`: signed in',
  })
  step: SignInStep;
  @ApiPropertyOptional({ description: 'Where the browser goes next (signed in only)' }) next?: string;
  @ApiPropertyOptional({ type: UserDto }) user?: UserDto;
  @ApiPropertyOptional({
    description:
      "The session's CSRF token: send it as X-CSRF-Token with every request that changes something",
  })
  csrfToken?: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: UI_LOCALES }) @IsOmittable() @IsIn(UI_LOCALES) locale?: UiLocale;
  @ApiPropertyOptional({ example: 'Europe/Oslo' }) @IsOmittable() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ description: 'Needed to change the password' })
  @IsOmittable()
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword?: string;
  @ApiPropertyOptional({ description: 'The new password (with currentPassword)' })
  @IsOmittable()
  @IsNewPassword()
  newPassword?: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'The secret, base32, to type into an authenticator app' }) secret: string;
  @ApiProperty({ description: 'otpauth:// URI, for an app that takes it (or a QR code of it)' }) uri: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' }) @IsString() @MaxLength(10) code: string;
}

export class TotpRemoveDto {
  @ApiProperty({ description: 'The current password' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class FirstRunDto {
  @ApiProperty({ description: 'The token of the link printed at start' })
  @IsString()
  @MaxLength(128)
  token: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ format: 'email' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;
  @ApiProperty() @IsNewPassword() password: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'The token of the set-password link' })
  @IsString()
  @MaxLength(128)
  token: string;
  @ApiProperty() @IsNewPassword() password: string;
}
