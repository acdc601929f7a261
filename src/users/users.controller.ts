import { Body, Controller, Get, Param, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { CreateUserDto, PasswordLinkDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** People who sign in to the pages; managed by admins. A new user sets a password through a one-time link. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Access('admin')
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Access('admin')
  @ApiPagedArray(UserDto, 'Oldest first', UserListQueryDto)
  async list(
    @PageParams(UserListQueryDto) query: UserListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserDto[]> {
    return sendPage(req, res, await this.users.list(query));
  }

  /** Name, role, controller, language, zone; `disabled: true` ends the user's sessions at once. */
  @Patch(':id')
  @Access('admin')
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }

  /** A one-time link (24 h) to set the password; shown this once. An earlier unused link stops working. */
  @Post(':id/password-link')
  @Access('admin')
  @ApiCreatedResponse({ type: PasswordLinkDto })
  passwordLink(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PasswordLinkDto> {
    return this.users.issuePasswordLink(actor, id);
  }
}
