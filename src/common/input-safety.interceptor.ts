import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { FieldError } from './error-body';
import { unsafeInput } from './input-safety.util';
import { RequestValidationException } from './validation';

/**
 * The one check every request passes before its handler and its validation: the body, the query and every path
 * parameter (named by its route parameter) must be text PostgreSQL can store and JSON no deeper than the limit, and a
 * JSON body must be an object. Anything else is a 400 naming each bad field, never a 500 from deeper down.
 */
@Injectable()
export class InputSafetyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const problems = requestProblems(request);
      if (problems.length > 0) throw new RequestValidationException(problems);
    }
    return next.handle();
  }
}

function requestProblems(request: Request): FieldError[] {
  const body: unknown = request.body;
  const bodyProblems: FieldError[] =
    body === undefined
      ? []
      : Array.isArray(body) || body === null || typeof body !== 'object'
        ? [{ field: 'body', messages: ['must be a JSON object'] }]
        : unsafeInput(body);
  return [
    ...Object.entries(request.params ?? {}).flatMap(([name, value]) => unsafeInput(value, name)),
    ...unsafeInput(request.query ?? {}),
    ...bodyProblems,
  ];
}
