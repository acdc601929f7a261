import { MAX_INPUT_DEPTH, unsafeInput } from './input-safety.util';

/** `{ a: { a: ... { a: 'x' } } }` with `levels` objects. */
function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe(unsafeInput.name, () => {
  it('takes ordinary text, numbers, nulls and arrays', () => {
    expect(
      unsafeInput({ title: 'Ærlig talt 🚨', n: 1, none: null, list: ['a', { b: 'c' }], ok: true }),
    ).toEqual([]);
  });

  it('names each string with a NUL or an unpaired surrogate by its path', () => {
    expect(
      unsafeInput({
        title: 'a\u0000b',
        dpo: { name: 'x\ud800' },
        services: ['fine', '\udc00y'],
        pair: '\ud83d\udea8',
      }),
    ).toEqual([
      { field: 'title', messages: ['must not contain NUL characters'] },
      { field: 'dpo.name', messages: ['must not contain unpaired UTF-16 surrogates (not valid Unicode)'] },
      {
        field: 'services.1',
        messages: ['must not contain unpaired UTF-16 surrogates (not valid Unicode)'],
      },
    ]);
  });

  it('checks object keys too, and shows a bad key escaped', () => {
    expect(unsafeInput({ sources: { 'a\u0000': 'b' } })).toEqual([
      { field: 'sources.a\\u0000', messages: ['its name must not contain NUL characters'] },
    ]);
  });

  it('names a path parameter by its name', () => {
    expect(unsafeInput('x\u0000', 'id')).toEqual([
      { field: 'id', messages: ['must not contain NUL characters'] },
    ]);
    expect(unsafeInput('x', 'id')).toEqual([]);
  });

  it(`takes ${MAX_INPUT_DEPTH} levels of nesting and refuses the next, naming the outermost field`, () => {
    expect(unsafeInput(nested(MAX_INPUT_DEPTH))).toEqual([]);
    expect(unsafeInput(nested(MAX_INPUT_DEPTH + 1))).toEqual([
      { field: 'a', messages: [`must not be nested deeper than ${MAX_INPUT_DEPTH} levels`] },
    ]);
  });

  it('stops at the limit: a million levels are refused without a stack overflow', () => {
    const deep = JSON.parse(`{"x":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`) as unknown;
    expect(unsafeInput(deep)).toEqual([
      { field: 'x', messages: [`must not be nested deeper than ${MAX_INPUT_DEPTH} levels`] },
    ]);
  });
});
