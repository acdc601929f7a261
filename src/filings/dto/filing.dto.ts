import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/instant.validator';
import { PageQuery } from '../../common/paging';
import { TEXT_LANGUAGES, type TextLanguage } from '../../forms/render.util';
import { NOTICE_PHASES, type NoticePhase } from '../../letters/notice-context.util';
import { INSTRUCTION_SCOPES, type InstructionScope } from '../controller-instruction.entity';
import type { OutboxAttempt } from '../../outbox/outbox-attempt.entity';
import { FilingDocument } from '../filing-document.entity';
import { CHANNELS, type Channel, Filing, FILING_STATUSES, type FilingStatus } from '../filing.entity';

export class CreateFilingDto {
  @ApiProperty({ enum: NOTICE_PHASES }) @IsIn(NOTICE_PHASES) phase: NoticePhase;
  @ApiPropertyOptional({
    enum: TEXT_LANGUAGES,
    description:
      'Default: for the controller, the language it signed; for the authority, its first; for the data subjects, ' +
      'that of the controller’s country',
  })
  @IsOptional()
  @IsIn(TEXT_LANGUAGES)
  language?: TextLanguage;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
  @ApiPropertyOptional({ description: 'manual: who sent it' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sentBy?: string;
  @ApiPropertyOptional({ description: 'manual: how (phone, post, portal …)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  via?: string;
  @ApiPropertyOptional({
    description:
      'manual: when the notice was given, with a zone offset (default now): a portal filing made at 14:00 and recorded ' +
      'at 16:00 is dated 14:00. Not in the future, not before the breach was discovered',
  })
  @IsOptional()
  @IsInstant()
  sentAt?: string;
  @ApiPropertyOptional({ description: 'Required when the notice meets its obligation after the due time' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;
}

/** What to preview: the notice of this phase in this language, as it would be filed now. */
export class PreviewQueryDto {
  @ApiProperty({ enum: NOTICE_PHASES }) @IsIn(NOTICE_PHASES) phase: NoticePhase;
  @ApiPropertyOptional({ enum: TEXT_LANGUAGES, description: 'Default: the language `file` would choose' })
  @IsOptional()
  @IsIn(TEXT_LANGUAGES)
  language?: TextLanguage;
  @ApiPropertyOptional({ description: 'The reasons for a delay, as the notice would carry them' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;
}

class DocumentInfoDto {
  @ApiProperty({ enum: ['html', 'txt', 'pdf', 'json'] }) format: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sha256: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ example: '/filings/…/document.pdf' }) href: string;
}

class AttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty() at: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() detail: string;
}

/** An incident that reached 2,000 controllers has thousands of filings: a hundred a page unless asked otherwise. */
export class FilingListQueryDto extends PageQuery({ limit: 100, max: 1000 }) {}

export class InstructionListQueryDto extends PageQuery({ limit: 100, max: 1000 }) {}

export class FilingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ format: 'uuid' }) controllerId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: NOTICE_PHASES }) phase: NoticePhase;
  @ApiProperty() language: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty() recipient: string;
  @ApiProperty({ nullable: true, type: String }) sentBy: string | null;
  @ApiProperty({ nullable: true, type: String }) via: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonsForDelay: string | null;
  @ApiProperty({ description: 'Whether this notice, once it reaches its recipient, meets its obligation' })
  meetsObligation: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it does not (e.g. a phone call where writing is required)',
  })
  notMeetingReason: string | null;
  @ApiProperty({ enum: FILING_STATUSES }) status: FilingStatus;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ type: [DocumentInfoDto] }) documents: DocumentInfoDto[];
  @ApiProperty({ type: [AttemptDto], description: 'The delivery log' }) attempts: AttemptDto[];
}

export function mapFiling(
  f: Filing,
  documents: Pick<FilingDocument, 'format' | 'contentType' | 'sha256' | 'content'>[],
  attempts: OutboxAttempt[],
): FilingDto {
  return {
    id: f.id,
    incidentId: f.incidentId,
    obligationId: f.obligationId,
    controllerId: f.controllerId,
    kind: f.kind,
    phase: f.phase,
    language: f.language,
    channel: f.channel,
    recipient: f.recipient,
    sentBy: f.sentBy,
    via: f.via,
    reasonsForDelay: f.reasonsForDelay,
    meetsObligation: f.meetsObligation,
    notMeetingReason: f.notMeetingReason,
    status: f.status,
    issuedAt: f.issuedAt.toISOString(),
    deliveredAt: f.deliveredAt?.toISOString() ?? null,
    acknowledgedAt: f.acknowledgedAt?.toISOString() ?? null,
    documents: documents.map((d) => ({
      format: d.format,
      contentType: d.contentType,
      sha256: d.sha256,
      bytes: d.content.length,
      href: `/filings/${f.id}/document.${d.format}`,
    })),
    attempts: [...attempts]
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), ok: a.ok, detail: a.detail })),
  };
}

export class CreateInstructionDto {
  @ApiProperty({
    enum: INSTRUCTION_SCOPES,
    description: 'What we may communicate on the controller’s behalf',
  })
  @IsIn(INSTRUCTION_SCOPES)
  scope: InstructionScope;
  @ApiProperty({ example: 'Ola Personvern, DPO' }) @IsString() @Length(1, 200) givenBy: string;
  @ApiProperty() @IsInstant() givenAt: string;
  @ApiProperty({ example: 'E-mail of 2026-11-22 10:14, ticket SEC-1234' })
  @IsString()
  @Length(1, 500)
  reference: string;
}

export class InstructionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) controllerId: string;
  @ApiProperty({ enum: INSTRUCTION_SCOPES }) scope: InstructionScope;
  @ApiProperty() givenBy: string;
  @ApiProperty() givenAt: string;
  @ApiProperty() reference: string;
  @ApiProperty() recordedAt: string;
}
