import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator';
import { AuthoritiesService } from './authorities.service';
import { AuthorityResponseDto } from './dto/authority-response.dto';

@ApiTags('authorities')
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly service: AuthoritiesService) {}

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: [AuthorityResponseDto] })
  list(): Promise<AuthorityResponseDto[]> {
    return this.service.list();
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: AuthorityResponseDto })
  get(@Param('id') id: string): Promise<AuthorityResponseDto> {
    return this.service.get(id);
  }
}
