import { csvCell, csvLine } from './csv.util';

describe(csvCell.name, () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it.each([
    ['=', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+', '+1+1', `"'+1+1"`],
    ['-', '-2+3', `"'-2+3"`],
    ['@', '@SUM(A1)', `"'@SUM(A1)"`],
    ['tab', '\tcmd', `"'\tcmd"`],
    ['CR', '\rcmd', `"'\rcmd"`],
    ['LF', '\ncmd', `"'\ncmd"`],
    ['= after spaces', '   =1+1', `"'   =1+1"`],
    ['+ after a no-break space', '\u00a0+1', `"'\u00a0+1"`],
    ['@ after an ideographic space', '\u3000@SUM(A1)', `"'\u3000@SUM(A1)"`],
    ['= after a NUL and a BEL', '\u0000\u0007=1', `"'\u0000\u0007=1"`],
    ['- after a zero-width space', '\u200b-1', `"'\u200b-1"`],
    ['= after a byte-order mark', '\ufeff=1', `"'\ufeff=1"`],
    ['LF after spaces', '  \n=1', `"'  \n=1"`],
    ['tab after a space, before text', ' \tcmd', `"' \tcmd"`],
    ['full-width =', '＝1+1', `"'＝1+1"`],
    ['full-width +', '＋1', `"'＋1"`],
    ['full-width -', '－1', `"'－1"`],
    ['full-width @', '＠SUM(A1)', `"'＠SUM(A1)"`],
    ['full-width = after spaces', '  ＝1', `"'  ＝1"`],
    ['a negative number (not used in the register; neutralised all the same)', -5, `"'-5"`],
  ])('neutralises a cell starting with %s', (_, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['text', 'Mail relay', '"Mail relay"'],
    ['text with = inside', 'a=b', '"a=b"'],
    ['text with a line break inside', 'first\nsecond', '"first\nsecond"'],
    ['leading spaces before text', '  indented', '"  indented"'],
    ['an instant', '2026-11-22T09:00:00.000Z', '"2026-11-22T09:00:00.000Z"'],
    ['a positive number', 90, '"90"'],
    ['an apostrophe already', "'=1", `"'=1"`],
    ['empty', '', '""'],
  ])('leaves %s alone', (_, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('joins a line', () => {
    expect(csvLine(['a', 'b,c', '=1'])).toBe(`"a","b,c","'=1"`);
  });
});
