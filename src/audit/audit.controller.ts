import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator';
import { AuditCheckpointsService } from './audit-checkpoints.service';
import { AuditService } from './audit.service';
import { CheckpointDto, IssuedCheckpointDto } from './dto/audit-checkpoint.dto';
import { AuditPageDto, AuditVerifyDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsService,
  ) {}

  @Get()
  @Access('admin', 'dpo')
  @ApiOperation({ summary: 'The Art. 33(5) trail: every write, oldest first' })
  @ApiOkResponse({ type: AuditPageDto })
  find(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.find(query);
  }

  @Get('verify')
  @Access('admin', 'dpo')
  @ApiOperation({ summary: 'Recompute the hash chain; reports the first row changed behind its back' })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @Access('admin', 'dpo')
  @ApiOperation({
    summary:
      'Recompute the chain and check that it still holds a checkpoint unchanged (a cut tail, a wiped table)',
  })
  @ApiOkResponse({ type: AuditVerifyDto })
  verifyAgainst(@Body() checkpoint: CheckpointDto): Promise<AuditVerifyDto> {
    return this.audit.verify(checkpoint);
  }

  @Post('checkpoints')
  @Access('admin', 'dpo')
  @ApiOperation({
    summary: 'Sign the head of the chain now and write it out (log, AUDIT_CHECKPOINT_FILE, _URL)',
  })
  @ApiCreatedResponse({ type: IssuedCheckpointDto })
  checkpoint(): Promise<IssuedCheckpointDto> {
    return this.checkpoints.issue();
  }
}
