import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../../common/validation';
import { AgreementProfileDto } from '../../dto/agreement-profile.dto';
import { LintWarningDto } from '../../dto/agreement-response.dto';
import { READER_LANGUAGES, type ReaderLanguage } from '../dpa-language.util';
import type { ValueStatus } from '../dpa-reader.util';

/** The JSON body of POST /agreements/drafts, or the form fields beside the file. */
export class AgreementDraftRequestDto {
  @ApiPropertyOptional({
    description: 'The agreement as plain text, instead of a file',
    maxLength: 1_000_000,
  })
  @IsOmittable()
  @IsString()
  @MaxLength(1_000_000)
  text?: string;

  @ApiPropertyOptional({
    enum: READER_LANGUAGES,
    description: 'Read the agreement in this language instead of the one detected',
  })
  @IsOmittable()
  @IsIn(READER_LANGUAGES)
  language?: ReaderLanguage;
}

export class EvidenceDto {
  @ApiProperty({ description: 'The sentence, verbatim' }) quote: string;
  @ApiProperty({ nullable: true, type: String }) clause: string | null;
}

export const VALUE_STATUSES: ValueStatus[] = ['found', 'inferred', 'not-found'];

export class DraftValueDto {
  @ApiProperty({
    example: 'breachTerms.standard',
    description: 'The field of the profile, as in its sources',
  })
  field: string;
  @ApiProperty({
    enum: VALUE_STATUSES,
    description:
      '`found`: the text says it; `inferred`: worked out from what it says; `not-found`: the default, to be checked',
  })
  status: ValueStatus;
  @ApiProperty({ description: 'The value in the draft profile', nullable: true }) value: unknown;
  @ApiProperty({ nullable: true, type: String, description: 'The sentence it comes from, verbatim' })
  quote: string | null;
  @ApiProperty({ nullable: true, type: String, example: '8.1' }) clause: string | null;
  @ApiPropertyOptional({ type: [EvidenceDto], description: 'Further sentences it rests on' })
  more?: EvidenceDto[];
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ description: 'What the text says that a profile cannot express yet' })
  unsupported?: string;
}

export class UnsupportedDto {
  @ApiProperty() field: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) quote: string | null;
  @ApiProperty({ nullable: true, type: String }) clause: string | null;
}

export class DraftLanguageDto {
  @ApiProperty({ enum: READER_LANGUAGES, description: 'The language detected' }) language: ReaderLanguage;
  @ApiProperty({ enum: READER_LANGUAGES, description: 'The language the text was read in' })
  read: ReaderLanguage;
  @ApiProperty({ example: 'Norwegian bokmål' }) name: string;
  @ApiProperty({ description: "The detected language's share of the marker words counted, 0 to 1" })
  confidence: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) counts: Record<
    ReaderLanguage,
    number
  >;
}

export class DraftDeadlineDto {
  @ApiProperty({ nullable: true, enum: ['immediately', 'without-undue-delay'] })
  qualitative: 'immediately' | 'without-undue-delay' | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The number written, in its own unit' })
  amount: number | null;
  @ApiProperty({ nullable: true, enum: ['hours', 'days', 'business-days'] })
  unit: 'hours' | 'days' | 'business-days' | null;
  @ApiProperty({ nullable: true, type: Number, description: 'As elapsed hours; never for business days' })
  hours: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'False for "if possible within N hours"' })
  firm: boolean | null;
  @ApiProperty({ enum: ['awareness', 'confirmation', 'unstated'] }) anchor:
    'awareness' | 'confirmation' | 'unstated';
  @ApiProperty({ description: 'A firm number beside a qualitative standard' }) backstop: boolean;
  @ApiProperty({ nullable: true, type: String }) quote: string | null;
  @ApiProperty({ nullable: true, type: String }) clause: string | null;
}

export class FieldProblemDto {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

export class DraftSourceDto {
  @ApiProperty({ enum: ['text', 'pdf', 'docx'] }) format: 'text' | 'pdf' | 'docx';
  @ApiPropertyOptional({ description: 'The name of the file uploaded' }) fileName?: string;
  @ApiProperty({ description: 'Characters of text read' }) characters: number;
  @ApiPropertyOptional() pages?: number;
}

/** The answer to POST /agreements/drafts: a profile to check, fix and save with POST /agreements. Nothing is saved. */
export class AgreementDraftDto {
  @ApiProperty({ type: AgreementProfileDto, description: 'In the shape of POST /agreements' })
  profile: AgreementProfileDto;
  @ApiProperty({ type: DraftLanguageDto }) language: DraftLanguageDto;
  @ApiProperty({ type: [DraftValueDto], description: 'Each value of the profile: where it comes from' })
  values: DraftValueDto[];
  @ApiProperty({ type: DraftDeadlineDto, description: "What the text says of the processor's deadline" })
  deadline: DraftDeadlineDto;
  @ApiProperty({
    type: [UnsupportedDto],
    description: 'What the text says that the profile cannot express yet',
  })
  unsupported: UnsupportedDto[];
  @ApiProperty({
    type: [FieldProblemDto],
    description: 'What POST /agreements would refuse in the draft as it stands: fix these before saving',
  })
  problems: FieldProblemDto[];
  @ApiProperty({ type: [LintWarningDto], description: 'The lint warnings the draft would have once saved' })
  warnings: LintWarningDto[];
  @ApiProperty({ type: DraftSourceDto }) source: DraftSourceDto;
  @ApiProperty({
    description:
      'The text read (from the file, or as sent): what each quote is taken from, to show beside the draft with its ' +
      'quotes highlighted. A quote is this text with its runs of white space made one space',
  })
  text: string;
}
