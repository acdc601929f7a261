import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Access, Public } from './access.decorator';
import { AccessException, AccessExceptionCode } from './access.exception';
import { AccessGuard } from './access.guard';
import { ApiKeysService } from './api-keys.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import type { AppConfig } from '../config/config';
import type { SessionsService } from '../users/sessions.service';

@Controller('probe')
class ProbeController {
  @Get('undeclared')
  undeclared(): void {}

  @Get('open')
  @Public()
  open(): void {}

  @Get('closed')
  @Access('admin')
  closed(): void {}
}

function contextFor(handler: keyof ProbeController, authorization?: string): ExecutionContext {
  const request = { headers: { authorization }, ip: '127.0.0.1' };
  return {
    getHandler: () => ProbeController.prototype[handler],
    getClass: () => ProbeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe(AccessGuard.name, () => {
  const keys = { authenticate: jest.fn() } as unknown as ApiKeysService;
  const failures = {
    blockedFor: () => Promise.resolve(null),
    recordFailure: jest.fn(() => Promise.resolve(null)),
  } as unknown as AuthFailureLimiter;
  const sessions = { authenticate: jest.fn(() => Promise.resolve(null)) } as unknown as SessionsService;
  const config = { REQUIRE_2FA_FOR_ADMINS: false } as AppConfig;
  const sut = new AccessGuard(new Reflector(), keys, sessions, failures, config);

  it('refuses a handler that declares no access rule, without looking at the key', async () => {
    await expect(sut.canActivate(contextFor('undeclared', 'Bearer anything'))).rejects.toEqual(
      new AccessException(AccessExceptionCode.FORBIDDEN, 'This route is not open to any role'),
    );
    expect(keys.authenticate).not.toHaveBeenCalled();
  });

  it('lets anyone through a public handler', async () => {
    await expect(sut.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('asks for a key on a declared handler', async () => {
    await expect(sut.canActivate(contextFor('closed'))).rejects.toMatchObject({
      code: AccessExceptionCode.UNAUTHENTICATED,
    });
    expect(failures.recordFailure).toHaveBeenCalledWith('127.0.0.1');
  });
});
