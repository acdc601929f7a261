import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  Matches,
  IsEmail,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IsOmittable } from '../../common/validation';
import { DataController } from '../data-controller.entity';

/** Thousands of controllers at a large processor: a page holds a thousand unless asked otherwise. */
export class DataControllerListQueryDto extends PageQuery({ limit: 1000, max: 5000 }) {}

export class ContactPersonDto {
  @IsString() @Length(1, 200) name: string;
  @IsEmail() email: string;
  @IsOptional() @IsString() @MaxLength(50) phone?: string;
}

export class CreateDataControllerDto {
  @IsString() @Length(1, 300) name: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationNumber?: string | null;

  @ApiProperty({ example: 'NO', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country: string;

  @ApiProperty({ example: 'no-datatilsynet', description: 'See GET /authorities' })
  @IsString()
  @Length(1, 64)
  authorityId: string;

  @ApiPropertyOptional({ example: 'Europe/Oslo', default: 'Europe/Oslo', description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiProperty({ example: 'videonor', description: 'See GET /agreements' })
  @IsString()
  @Length(1, 64)
  agreementId: string;

  @ApiProperty({ example: 'nb', description: 'One of the languages the agreement was signed in' })
  @IsString()
  @Length(2, 8)
  language: string;

  @IsObject() @ValidateNested() @Type(() => ContactPersonDto) breachContact: ContactPersonDto;
  @IsObject() @ValidateNested() @Type(() => ContactPersonDto) dpo: ContactPersonDto;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['dora'],
    default: [],
    description:
      'Regimes this controller is under besides GDPR, whose duties we support (e.g. dora for a financial entity); see GET /regimes',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z][a-z0-9-]*$/, { each: true, message: 'each of regimes must be a regime id such as dora' })
  regimes?: string[];
}

/** PATCH: any subset; null clears only the optional fields (organisationNumber, webhookUrl). */
export class UpdateDataControllerDto extends PartialType(CreateDataControllerDto, {
  skipNullProperties: false,
}) {}

export class DataControllerResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) organisationNumber: string | null;
  @ApiProperty() country: string;
  @ApiProperty() authorityId: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() agreementId: string;
  @ApiProperty() language: string;
  @ApiProperty({ type: ContactPersonDto }) breachContact: ContactPersonDto;
  @ApiProperty({ type: ContactPersonDto }) dpo: ContactPersonDto;
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ type: [String], description: 'Regimes besides GDPR (e.g. dora)' }) regimes: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export function mapDataController(row: DataController): DataControllerResponseDto {
  return {
    id: row.id,
    name: row.name,
    organisationNumber: row.organisationNumber,
    country: row.country,
    authorityId: row.authorityId,
    timeZone: row.timeZone,
    agreementId: row.agreementId,
    language: row.language,
    breachContact: row.breachContact,
    dpo: row.dpo,
    webhookUrl: row.webhookUrl,
    regimes: row.regimes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
