import { Controller, Get, Query, Req } from '@nestjs/common';
import { Public } from '../../access/access.decorator';
import { UsersService } from '../../users/users.service';
import { Page, WebPages } from '../page';
import type { WebRequest } from '../web-request';

/**
 * Where `next` may lead after signing in: a path of this site only ("/x", never "//host" or "/\host", which
 * browsers read as another site), else nowhere.
 */
export function sameSitePath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000) return null;
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : null;
}

/** Signing in, and the two one-time links (the first run, a set-password link). Each form posts to /auth/*. */
@WebPages()
@Controller('ui')
export class SignInPage {
  constructor(private readonly users: UsersService) {}

  @Get('sign-in')
  @Public()
  signIn(@Req() req: WebRequest, @Query('next') next: unknown): Page {
    return {
      view: 'sign-in',
      title: 'signIn.title',
      model: { next: sameSitePath(next) ?? '', signedInAs: req.webUser?.name ?? null },
    };
  }

  @Get('first-run')
  @Public()
  async firstRun(@Query('token') token: unknown): Promise<Page> {
    const good = typeof token === 'string' && (await this.users.isFirstRunTokenGood(token));
    return {
      view: 'first-run',
      title: 'firstRun.title',
      model: { token: good ? token : null },
      status: good ? 200 : 404,
    };
  }

  @Get('set-password')
  @Public()
  async setPassword(@Query('token') token: unknown): Promise<Page> {
    const good = typeof token === 'string' && (await this.users.isPasswordTokenGood(token));
    return {
      view: 'set-password',
      title: 'setPassword.title',
      model: { token: good ? token : null },
      status: good ? 200 : 404,
    };
  }
}
