import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { AccessException, AccessExceptionCode } from '../access/access.exception';
import { AgreementException, AgreementExceptionCode } from '../agreements/agreements.exception';
import { AuthorityException, AuthorityExceptionCode } from '../authorities/authorities.exception';
import {
  DataControllerException,
  DataControllerExceptionCode,
} from '../data-controllers/data-controllers.exception';
import { ClockException, ClockExceptionCode } from '../clock/clock.exception';
import { IncidentException, IncidentExceptionCode } from '../incidents/incidents.exception';
import { DecisionException, DecisionExceptionCode } from '../decisions/decisions.exception';
import { FormException, FormExceptionCode } from '../forms/forms.exception';
import { FilingException, FilingExceptionCode } from '../filings/filings.exception';
import { assertUnreachable } from './assert-unreachable.util';
import { DomainException } from './domain.exception';
import { ErrorBody } from './error-body';
import { RequestValidationException } from './validation';

function accessStatus(code: AccessExceptionCode): HttpStatus {
  switch (code) {
    case AccessExceptionCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case AccessExceptionCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case AccessExceptionCode.TOO_MANY_FAILURES:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AccessExceptionCode.KEY_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case AccessExceptionCode.INVALID_KEY_REQUEST:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

function agreementStatus(code: AgreementExceptionCode): HttpStatus {
  switch (code) {
    case AgreementExceptionCode.NOT_FOUND:
    case AgreementExceptionCode.VERSION_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case AgreementExceptionCode.ALREADY_EXISTS:
      return HttpStatus.CONFLICT;
    case AgreementExceptionCode.INCONSISTENT_TERMS:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

function authorityStatus(code: AuthorityExceptionCode): HttpStatus {
  switch (code) {
    case AuthorityExceptionCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    default:
      return assertUnreachable(code);
  }
}

function dataControllerStatus(code: DataControllerExceptionCode): HttpStatus {
  switch (code) {
    case DataControllerExceptionCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case DataControllerExceptionCode.INVALID_REFERENCE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

function clockStatus(code: ClockExceptionCode): HttpStatus {
  switch (code) {
    case ClockExceptionCode.OBLIGATION_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ClockExceptionCode.REASONS_FOR_DELAY_REQUIRED:
    case ClockExceptionCode.INVALID_INSTANT:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ClockExceptionCode.WRONG_STATE:
      return HttpStatus.CONFLICT;
    case ClockExceptionCode.NOT_PERMITTED:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

function incidentStatus(code: IncidentExceptionCode): HttpStatus {
  switch (code) {
    case IncidentExceptionCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case IncidentExceptionCode.INVALID_FACTS:
    case IncidentExceptionCode.UNKNOWN_REFERENCE:
    case IncidentExceptionCode.IDEMPOTENCY_KEY_REUSED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

function formStatus(code: FormExceptionCode): HttpStatus {
  switch (code) {
    case FormExceptionCode.INVALID_ANSWERS:
    case FormExceptionCode.PHASE_INCOMPLETE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case FormExceptionCode.NOT_PERMITTED:
      return HttpStatus.FORBIDDEN;
    case FormExceptionCode.CONTROLLER_NOT_AFFECTED:
      return HttpStatus.NOT_FOUND;
    default:
      return assertUnreachable(code);
  }
}

function decisionStatus(code: DecisionExceptionCode): HttpStatus {
  switch (code) {
    case DecisionExceptionCode.INVALID_DECISION:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DecisionExceptionCode.NOTHING_TO_EXEMPT:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

function filingStatus(code: FilingExceptionCode): HttpStatus {
  switch (code) {
    case FilingExceptionCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case FilingExceptionCode.INVALID_REQUEST:
    case FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case FilingExceptionCode.INSTRUCTION_REQUIRED:
    case FilingExceptionCode.WRONG_STATE:
      return HttpStatus.CONFLICT;
    case FilingExceptionCode.NOT_PERMITTED:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

function domainStatus(exception: DomainException<string>): HttpStatus | undefined {
  if (exception instanceof AccessException) return accessStatus(exception.code);
  if (exception instanceof AgreementException) return agreementStatus(exception.code);
  if (exception instanceof AuthorityException) return authorityStatus(exception.code);
  if (exception instanceof DataControllerException) return dataControllerStatus(exception.code);
  if (exception instanceof ClockException) return clockStatus(exception.code);
  if (exception instanceof IncidentException) return incidentStatus(exception.code);
  if (exception instanceof FormException) return formStatus(exception.code);
  if (exception instanceof DecisionException) return decisionStatus(exception.code);
  if (exception instanceof FilingException) return filingStatus(exception.code);
  return undefined;
}

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
    if (result.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    response.status(result.statusCode).json(result);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof RequestValidationException) {
      return body(HttpStatus.BAD_REQUEST, exception.message, exception.fields);
    }
    if (exception instanceof DomainException) {
      const status = domainStatus(exception as DomainException<string>);
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
