import { BadRequestException, ValidationError, ValidationPipeOptions } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError } from './error-body';

/**
 * Like `@IsOptional()`, but only a missing field is let off: `null` is checked by the field's other validators and
 * refused where it is not one of the field's values (`@IsOptional()` would let it through to the database).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

/** Flattens class-validator's tree into one entry per bad field, with a dotted path (`dpo.email`, `clauses.0`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super(`Invalid request: ${fields.map((f) => f.field).join(', ')}`);
  }
}

export const validationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // Every bad field is reported, not only the first found.
  stopAtFirstError: false,
  exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
};
