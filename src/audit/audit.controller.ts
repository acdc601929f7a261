import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditVerifyDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

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
}
