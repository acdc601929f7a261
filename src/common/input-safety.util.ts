import { FieldError } from './error-body';

/** Deeper JSON than this is refused: no request of the API comes close, and recursion over it would not end well. */
export const MAX_INPUT_DEPTH = 32;

/** A UTF-16 surrogate without its pair: no Unicode character, and PostgreSQL refuses it in text and jsonb. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates (not valid Unicode)';
  return null;
}

/** An object key as it can be shown in a field path: NUL and lone surrogates escaped the way JSON escapes them. */
function printableKey(key: string): string {
  return stringProblem(key) ? JSON.stringify(key).slice(1, -1) : key;
}

/**
 * What PostgreSQL or the validation behind it could not take in a request value: strings with NUL or a lone
 * surrogate (in values and in keys), and nesting deeper than MAX_INPUT_DEPTH. One entry per bad field, named by its
 * dotted path under `field` (`dpo.email`, `services.0`); too deep a value is named by its outermost field. The walk
 * stops at the depth limit, so it never recurses further than that itself.
 */
export function unsafeInput(value: unknown, field = ''): FieldError[] {
  const problems: FieldError[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) problems.push({ field: path, messages: [problem] });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > MAX_INPUT_DEPTH) {
      problems.push({
        field: field || path.split('.')[0],
        messages: [`must not be nested deeper than ${MAX_INPUT_DEPTH} levels`],
      });
      return;
    }
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${printableKey(key)}` : printableKey(key);
      const keyProblem = stringProblem(key);
      if (keyProblem) problems.push({ field: childPath, messages: [`its name ${keyProblem}`] });
      walk(child, childPath, depth + 1);
    }
  };
  walk(value, field, 1);
  return problems;
}
