import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AccessException, AccessExceptionCode } from '../access/access.exception';
import { DomainException } from '../common/domain.exception';
import { AllExceptionsFilter } from '../common/exception.filter';
import type { FieldError } from '../common/error-body';
import { PageRenderer } from './page-renderer.service';
import type { WebRequest } from './web-request';

/**
 * Errors on a page answer as pages, with the status the API would give: not signed in goes to the sign-in page (and
 * back afterwards), a missing or foreign record is the same not-found page, bad input names each bad field.
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');
  private readonly api = new AllExceptionsFilter();

  constructor(private readonly renderer: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.api.toBody(exception);
    // An admin who must set up a second factor does that first (REQUIRE_2FA_FOR_ADMINS).
    if (exception instanceof AccessException && exception.code === AccessExceptionCode.ENROLMENT_REQUIRED) {
      response.redirect(303, '/ui/account?enrol=1');
      return;
    }
    if (body.statusCode === 401) {
      response.redirect(303, `/ui/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (exception instanceof DomainException && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    const fields = Array.isArray(body.details) ? (body.details as FieldError[]) : [];
    response
      .status(body.statusCode)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        this.renderer.render(request, {
          view: 'error',
          title: `error.${body.statusCode === 404 ? 'notFound' : body.statusCode === 403 ? 'forbidden' : 'other'}`,
          model: {
            statusCode: body.statusCode,
            message: body.statusCode >= 500 ? null : body.message,
            fields,
          },
        }),
      );
  }
}
