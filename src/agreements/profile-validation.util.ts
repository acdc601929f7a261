import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError } from '../common/error-body';
import { flattenValidationErrors, validationPipeOptions } from '../common/validation';
import { termsProblems } from './breach-terms.util';
import { AgreementProfileDto } from './dto/agreement-profile.dto';

/** Validates a profile that did not come through the HTTP pipe (a built-in profile file), by the same rules. */
export function validateProfile(plain: unknown): { profile: AgreementProfileDto; problems: FieldError[] } {
  const profile = plainToInstance(AgreementProfileDto, plain);
  const errors = validateSync(profile, {
    whitelist: validationPipeOptions.whitelist,
    forbidNonWhitelisted: validationPipeOptions.forbidNonWhitelisted,
  });
  const problems = flattenValidationErrors(errors);
  if (problems.length === 0) problems.push(...termsProblems(profile.breachTerms));
  return { profile, problems };
}
