import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { DomainException, ErrorKind } from './domain.exception';
import { ErrorBody } from './error-body';
import { RequestValidationException } from './validation';

/** Each module's table says what kind of failure its codes are; this says which status each kind is. */
const STATUS_OF_KIND: Record<ErrorKind, HttpStatus> = {
  'bad-request': HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'too-many-requests': HttpStatus.TOO_MANY_REQUESTS,
};

/** body-parser's errors carry `type` and `status`: malformed JSON (400), a body over the limit (413). */
function isBodyParserError(
  exception: unknown,
): exception is { type: string; status: number; message: string } {
  return (
    typeof exception === 'object' &&
    exception !== null &&
    typeof (exception as { type?: unknown }).type === 'string' &&
    typeof (exception as { status?: unknown }).status === 'number'
  );
}

/** Nest's own exceptions carry a string, or `{ message: string | string[] }`. */
function httpMessage(exception: HttpException): string {
  const res = exception.getResponse();
  if (typeof res === 'string') return res;
  const message = (res as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function body(statusCode: number, message: string, details?: unknown): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

/**
 * Maps every error to the one error body `{ statusCode, error, message, details? }`.
 * Anything unexpected is logged and answered with a generic 500, never a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const result = this.toBody(exception);
    if (result.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof DomainException && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (result.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    response.status(result.statusCode).json(result);
  }

  /** The error body for any exception; the pages use it too, so that a page fails with the API's status. */
  toBody(exception: unknown): ErrorBody {
    if (exception instanceof RequestValidationException) {
      return body(HttpStatus.BAD_REQUEST, exception.message, exception.fields);
    }
    if (exception instanceof DomainException) {
      const status = STATUS_OF_KIND[(exception as DomainException<string>).kind] as HttpStatus | undefined;
      if (status !== undefined) return body(status, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return body(status, status >= 500 ? 'Internal server error' : httpMessage(exception));
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      if (exception.type === 'entity.parse.failed') return body(400, 'Malformed JSON in the request body');
      if (exception.type === 'entity.too.large') return body(413, 'The request body is larger than 1 MB');
      return body(exception.status, exception.message);
    }
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
