import { ApiProperty } from '@nestjs/swagger';
import { AuditEntry } from '../audit-entry.entity';
import { CheckpointOutcomeDto } from './audit-checkpoint.dto';

class AuditActorDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) keyId: string | null;
  @ApiProperty({
    required: false,
    type: String,
    format: 'uuid',
    description: 'The person signed in (GET /users), when it was one',
  })
  userId?: string;
  @ApiProperty({ example: 'dpo' }) role: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '42' }) seq: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'agreement.update' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after: unknown;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' }) next:
    string | null;
}

export class AuditVerifyDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() rows: number;
  @ApiProperty({ required: false, description: 'seq of the first row that does not verify' })
  firstBrokenAt?: string;
  @ApiProperty({
    required: false,
    type: CheckpointOutcomeDto,
    description: 'With a checkpoint: whether it still holds',
  })
  checkpoint?: CheckpointOutcomeDto;
}

export function mapAuditEntry(row: AuditEntry): AuditEntryDto {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: {
      keyId: row.actorKeyId,
      ...(row.actorUserId ? { userId: row.actorUserId } : {}),
      role: row.actorRole,
    },
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
