import { csvCell, csvLine } from './csv.util';

describe(csvCell.name, () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'defuses a formula: %j',
    (formula) => {
      expect(csvCell(formula).startsWith(`"'`)).toBe(true);
    },
  );

  it('joins a line', () => {
    expect(csvLine(['a', 'b,c', '=1'])).toBe(`"a","b,c","'=1"`);
  });
});
