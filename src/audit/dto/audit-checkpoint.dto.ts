import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** A signed head of the chain, as POST /audit/checkpoints, the log, the file and the URL give it. */
export class CheckpointDto {
  @ApiProperty({ example: '42', description: "seq of the chain's last row ('0' for an empty chain)" })
  @Matches(/^\d{1,18}$/, { message: 'seq must be a seq number' })
  seq: string;

  @ApiProperty({ description: "That row's hash" })
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 hex digits' })
  hash: string;

  @ApiProperty({ description: 'When the checkpoint was made, exactly as issued' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'at must be the instant as issued',
  })
  at: string;

  @ApiProperty({ description: 'HMAC-SHA256 of the checkpoint under the audit key, hex' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'signature must be 64 hex digits' })
  signature: string;
}

class SinkOutcomeDto {
  @ApiProperty({ enum: ['log', 'file', 'url'] }) sink: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional() detail?: string;
}

export class IssuedCheckpointDto {
  @ApiProperty({ type: CheckpointDto, description: 'Keep it: POST it to /audit/verify later' })
  checkpoint: CheckpointDto;
  @ApiProperty({ type: [SinkOutcomeDto], description: 'Where it was written' })
  written: SinkOutcomeDto[];
}

export class CheckpointOutcomeDto {
  @ApiProperty() seq: string;
  @ApiProperty({
    description: 'The chain still holds that row with that hash, and every row up to it verifies',
  })
  holds: boolean;
  @ApiPropertyOptional({
    enum: ['missing', 'changed'],
    description:
      '`missing`: the chain no longer reaches that row (a cut tail, a wiped table); `changed`: it or a row before it was changed',
  })
  reason?: 'missing' | 'changed';
}
