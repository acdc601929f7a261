import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Access,
  AuthenticatedRequest,
  CurrentActor,
  DuringEnrolment,
  Public,
} from '../access/access.decorator';
import { AccessException, AccessExceptionCode } from '../access/access.exception';
import { AuthFailureLimiter } from '../access/auth-failure.limiter';
import { ROLES, type Actor } from '../access/roles';
import { AppConfig } from '../config/config';
import {
  FirstRunDto,
  SetPasswordDto,
  SignInDto,
  SignInResultDto,
  TotpCodeDto,
  TotpEnrolmentDto,
  TotpRemoveDto,
  UpdateMeDto,
} from './dto/auth.dto';
import { UserDto } from './dto/user.dto';
import { clearedSessionCookie, cookieValue, SESSION_COOKIE, sessionCookie } from './session-cookie.util';
import { SessionsService } from './sessions.service';
import { UsersException } from './users.exception';
import { UsersService } from './users.service';

/** Where a person goes once signed in: a controller user to its portal, an admin who must enrol to the account page. */
function landing(step: 'done' | 'enrol-totp', role: string): string {
  if (step === 'enrol-totp') return '/ui/account?enrol=1';
  return role === 'controller' ? '/ui/portal' : '/';
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly failures: AuthFailureLimiter,
    private readonly config: AppConfig,
  ) {}

  /**
   * Signs a person in: e-mail and password, and the TOTP code when they have a second factor. Sets the session
   * cookie. A failure is the same whatever was wrong, is audited and counts against the address like a bad key.
   */
  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SignInResultDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failures from this address; see Retry-After' })
  async signIn(
    @Body() dto: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResultDto> {
    const address = req.ip ?? 'unknown';
    await this.refuseWhileBlocked(address);
    let outcome;
    try {
      outcome = await this.users.signIn(dto, address);
    } catch (error) {
      if (error instanceof UsersException) await this.countFailure(address);
      throw error;
    }
    if (outcome.step === 'totp') return { step: 'totp' };
    res.setHeader(
      'Set-Cookie',
      sessionCookie(outcome.session.token, {
        secure: req.secure,
        maxAgeSeconds: this.config.SESSION_ABSOLUTE_HOURS * 3600,
      }),
    );
    return {
      step: outcome.step,
      next: landing(outcome.step, outcome.user.role),
      user: outcome.user,
      csrfToken: outcome.session.csrfToken,
    };
  }

  /** Ends the session of the cookie (with a key: nothing to end). */
  @Post('sign-out')
  @HttpCode(204)
  @Access(...ROLES)
  @DuringEnrolment()
  @ApiNoContentResponse({ description: 'Signed out; the cookie is cleared' })
  async signOut(
    @CurrentActor() actor: Actor,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (!actor.userId || !token) return;
    await this.sessions.end(token);
    await this.users.signedOut(actor, req.sessionId ?? null);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
  }

  @Get('me')
  @Access(...ROLES)
  @DuringEnrolment()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.me(actor);
  }

  /** Language, zone, and the password (with the current one; the person's other sessions end). */
  @Patch('me')
  @Access(...ROLES)
  @ApiOkResponse({ type: UserDto })
  updateMe(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateMeDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<UserDto> {
    return this.users.updateMe(actor, dto, req.sessionId ?? null);
  }

  /** Starts enrolling a second factor: a new secret, in force once a code from it is confirmed. */
  @Post('totp')
  @HttpCode(200)
  @Access(...ROLES)
  @DuringEnrolment()
  @ApiOkResponse({ type: TotpEnrolmentDto })
  startTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolmentDto> {
    return this.users.startTotp(actor);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @Access(...ROLES)
  @DuringEnrolment()
  @ApiOkResponse({ type: UserDto })
  confirmTotp(@CurrentActor() actor: Actor, @Body() dto: TotpCodeDto): Promise<UserDto> {
    return this.users.confirmTotp(actor, dto.code);
  }

  /** Removes the second factor (with the password); refused for an admin while REQUIRE_2FA_FOR_ADMINS is on. */
  @Delete('totp')
  @Access(...ROLES)
  @ApiOkResponse({ type: UserDto })
  removeTotp(@CurrentActor() actor: Actor, @Body() dto: TotpRemoveDto): Promise<UserDto> {
    return this.users.removeTotp(actor, dto.password);
  }

  /** Creates the first admin with the link printed at start (only while no user exists). */
  @Post('first-run')
  @Public()
  @ApiOkResponse({ type: UserDto })
  async firstRun(@Body() dto: FirstRunDto, @Req() req: Request): Promise<UserDto> {
    return this.withTokenLimit(req, () => this.users.completeFirstRun(dto));
  }

  /** Sets a password with a one-time link an admin issued (POST /users/:id/password-link). */
  @Post('set-password')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: UserDto })
  async setPassword(@Body() dto: SetPasswordDto, @Req() req: Request): Promise<UserDto> {
    return this.withTokenLimit(req, () => this.users.setPasswordWithToken(dto.token, dto.password));
  }

  /** A token tried and refused counts against the address like a failed sign-in. */
  private async withTokenLimit<T>(req: Request, work: () => Promise<T>): Promise<T> {
    const address = req.ip ?? 'unknown';
    await this.refuseWhileBlocked(address);
    try {
      return await work();
    } catch (error) {
      if (error instanceof UsersException) await this.countFailure(address);
      throw error;
    }
  }

  private async refuseWhileBlocked(address: string): Promise<void> {
    const wait = await this.failures.blockedFor(address);
    if (wait !== null) throw tooManyFailures(wait);
  }

  private async countFailure(address: string): Promise<void> {
    const wait = await this.failures.recordFailure(address);
    if (wait !== null) throw tooManyFailures(wait);
  }
}

function tooManyFailures(retryAfterSeconds: number): AccessException {
  return new AccessException(
    AccessExceptionCode.TOO_MANY_FAILURES,
    `Too many failed attempts; try again in ${retryAfterSeconds} s`,
    undefined,
    { retryAfterSeconds },
  );
}
