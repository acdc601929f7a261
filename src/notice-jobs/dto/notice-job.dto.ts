import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CHANNELS, type Channel } from '../../filings/filing.entity';
import {
  NOTICE_KINDS,
  NOTICE_PHASES,
  type NoticeKind,
  type NoticePhase,
} from '../../letters/notice-context.util';
import { ITEM_STATUSES, type ItemStatus } from '../notice-job.util';

export class StartNoticeJobDto {
  @ApiProperty({ enum: NOTICE_PHASES }) @IsIn(NOTICE_PHASES) phase: NoticePhase;

  @ApiPropertyOptional({
    enum: NOTICE_KINDS,
    default: 'controller-notice',
    description:
      'Which notice: ours to each controller (default), or the text of its authority notification or data-subject ' +
      'notice sent to it (which, under Dotnet Internals 8.4 and alfaview Clause 5, waits for its instruction)',
  })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'A chosen set of the incident’s controllers; default every one with an obligation of this kind',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  controllerIds?: string[];

  @ApiPropertyOptional({
    description:
      'Given with the notice of every controller whose notice is late (Art. 33(1)), and only with those. A late ' +
      'one without them is listed as failed, with the reason',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  reasonsForDelay?: string;
}

export class NoticeJobItemDto {
  @ApiProperty({ format: 'uuid' }) controllerId: string;
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status: ItemStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) filingId: string | null;
  @ApiProperty({ enum: CHANNELS, nullable: true, type: String }) channel: Channel | null;
  @ApiProperty({ description: 'Tries so far: at filing it, then at delivering its notice' }) attempts: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it failed or waits; else the last failed try',
  })
  lastError: string | null;
  @ApiProperty() updatedAt: string;
}

export class NoticeJobSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty({ enum: NOTICE_PHASES }) phase: NoticePhase;
  @ApiProperty({ nullable: true, type: String }) reasonsForDelay: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() total: number;
  @ApiProperty() done: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Not filed yet, or filed and being delivered' }) pending: number;
  @ApiProperty({ description: 'Waiting for the controller’s instruction' }) waiting: number;
  @ApiProperty({ description: '0–100, rounded down' }) percentDone: number;
  @ApiProperty({
    description: 'Nothing is pending: every item is done, failed or waiting for an instruction',
  })
  settled: boolean;
}

export class NoticeJobDto extends NoticeJobSummaryDto {
  @ApiProperty({ type: [NoticeJobItemDto] }) items: NoticeJobItemDto[];
}
