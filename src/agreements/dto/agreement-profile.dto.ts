import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ASSISTANCE_TERMS,
  type AssistanceTerms,
  BASES,
  type Basis,
  CONTENT_CONDITIONS,
  CONTENT_ITEMS,
  type ContentCondition,
  type ContentItem,
  LANGUAGES,
  type Language,
  STANDARDS,
  type Standard,
  THIRD_PARTY_DISCLOSURES,
  type ThirdPartyDisclosure,
  TRIGGERS,
  type Trigger,
} from '../agreement-terms';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ContactDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString() @MaxLength(50) phone?: string;
}

export class ProcessorDto {
  @IsString() @Length(1, 200) name: string;
  @IsOptional() @IsString() @MaxLength(500) address?: string;

  @ApiPropertyOptional({
    type: ContactDto,
    description:
      'The channel this agreement names at the processor (us) for breach matters, e.g. Dotnet Internals Appendix ' +
      'C.8. Our notices to the controller give it as the contact point (Art. 33(3)(b)), before ORG_BREACH_EMAIL ' +
      'and ORG_BREACH_PHONE; where it is empty or absent, those apply.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  breachContact?: ContactDto;
}

/** The clause that sets each breach duty; null where the agreement is silent. */
export class ClausesDto {
  @ApiProperty({ example: '5.6' }) @IsString() @Length(1, 50) breachNotice: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  noticeContent?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(50) phases?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  thirdParties?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  assistance?: string | null;
}

export class RequiredContentDto {
  @ApiProperty({ enum: CONTENT_ITEMS, description: 'Art. 33(3) item' })
  @IsIn(CONTENT_ITEMS)
  item: ContentItem;

  @ApiProperty({ enum: CONTENT_CONDITIONS })
  @IsIn(CONTENT_CONDITIONS)
  when: ContentCondition;
}

export class BreachTermsDto {
  @ApiProperty({ enum: STANDARDS }) @IsIn(STANDARDS) standard: Standard;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'The number in the agreement (contractual), or our target for a standard with no number',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  hours?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'within-business-days: the number of business days ("no later than two (2) business days"), counted in the ' +
      "controller's country's national public holidays and weekends, in the controller's zone: due at the same " +
      'wall-clock time on that business day after our awareness',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  businessDays?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'A firm limit in hours from our awareness beside a standard with no number ("without undue delay and in any ' +
      'event within 36 hours"); due at the earlier of it and the target',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  backstopHours?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'A second anchor: hours after the breach is confirmed ("within 24 hours of confirming the breach"); applies ' +
      "once the incident's breachConfirmedAt is recorded, and the due time is the earlier of it and the others",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  confirmationHours?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'false: the number is an aim, "if possible within 48 hours"; left out: firm. Only for a standard with a number',
  })
  @IsOptional()
  @IsBoolean()
  firm?: boolean;

  @ApiProperty({ enum: BASES }) @IsIn(BASES) basis: Basis;
  @ApiProperty({ enum: TRIGGERS }) @IsIn(TRIGGERS) trigger: Trigger;
  @IsBoolean() coversSubprocessors: boolean;

  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RequiredContentDto)
  requiredContent: RequiredContentDto[];

  @ApiProperty({ description: 'The agreement allows the notice to be given in phases' })
  @IsBoolean()
  phased: boolean;
  @ApiProperty({ description: 'The agreement requires the notice in writing' })
  @IsBoolean()
  writtenForm: boolean;

  @ApiProperty({ enum: THIRD_PARTY_DISCLOSURES })
  @IsIn(THIRD_PARTY_DISCLOSURES)
  thirdPartyDisclosure: ThirdPartyDisclosure;

  @IsBoolean() actsForControllerOnlyOnInstruction: boolean;

  @ApiProperty({ enum: ASSISTANCE_TERMS }) @IsIn(ASSISTANCE_TERMS) assistance: AssistanceTerms;
}

export class SubprocessorDto {
  @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Hours the sub-processor has to notify us',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  noticeHours?: number | null;
}

/** Fields of a profile other than its id: the body of PUT /agreements/:id. */
export class AgreementTermsBodyDto {
  @IsString() @Length(1, 300) title: string;
  @IsObject() @ValidateNested() @Type(() => ProcessorDto) processor: ProcessorDto;

  @ApiProperty({ enum: LANGUAGES, isArray: true, description: 'The language versions signed' })
  @IsIn(LANGUAGES, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  languages: Language[];

  @IsString() @Length(1, 300) law: string;
  @IsObject() @ValidateNested() @Type(() => ClausesDto) clauses: ClausesDto;
  @IsObject() @ValidateNested() @Type(() => BreachTermsDto) breachTerms: BreachTermsDto;

  @ApiPropertyOptional({ type: [SubprocessorDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SubprocessorDto)
  subprocessors?: SubprocessorDto[];

  @ApiPropertyOptional({
    description: 'Where each value comes from: a field path mapped to the clause and its words',
    example: { 'breachTerms.standard': '5.6: "must immediately notify the controller"' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  sources?: Record<string, string>;
}

/** A complete agreement profile: the body of POST /agreements and the shape of each built-in profile file. */
export class AgreementProfileDto extends AgreementTermsBodyDto {
  @ApiProperty({ example: 'videonor', description: 'Slug: lower-case letters, digits and hyphens' })
  @Matches(SLUG, { message: 'id must be a slug: lower-case letters, digits and single hyphens' })
  @Length(2, 64)
  id: string;
}

/** The body of PUT /agreements/:id: a whole profile; its id, if given, must be the one in the path. */
export class UpdateAgreementDto extends AgreementTermsBodyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG, { message: 'id must be a slug: lower-case letters, digits and single hyphens' })
  id?: string;
}
