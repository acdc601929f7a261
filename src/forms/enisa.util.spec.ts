import { enisaProblems, enisaScore } from './enisa.util';

describe(enisaScore.name, () => {
  const base = { dpc: 1, ei: 0.25, confidentiality: 0, integrity: 0, availability: 0, malicious: false };

  it.each([
    [{ ...base }, 0.25, 'low'],
    [{ ...base, dpc: 3, ei: 0.5, confidentiality: 0.5 }, 2, 'medium'],
    [{ ...base, dpc: 4, ei: 0.75 }, 3, 'high'],
    [{ ...base, dpc: 4, ei: 1, confidentiality: 0.5, integrity: 0.25, malicious: true }, 5.25, 'very-high'],
    [{ ...base, dpc: 3, ei: 0.75, confidentiality: 0.5, malicious: true }, 3.25, 'high'],
  ])('SE = DPC × EI + CB: %o → %d (%s)', (inputs, score, band) => {
    expect(enisaScore(inputs)).toEqual({ score, band });
  });

  it('puts the band edges where ENISA does: 2 is medium, 3 is high, 4 is very high', () => {
    expect(enisaScore({ ...base, dpc: 2, ei: 1 }).band).toBe('medium');
    expect(enisaScore({ ...base, dpc: 2, ei: 1, confidentiality: 0.5, integrity: 0.5 }).band).toBe('high');
    expect(enisaScore({ ...base, dpc: 4, ei: 1 }).band).toBe('very-high');
    expect(enisaScore({ ...base, dpc: 3, ei: 0.5, confidentiality: 0.25, integrity: 0.25 }).band).toBe(
      'medium',
    );
  });

  it('names each bad input', () => {
    expect(
      enisaProblems({ dpc: 5, ei: 0.3, confidentiality: 1, integrity: 0, availability: 0, malicious: 'yes' }),
    ).toEqual([
      'dpc must be 1, 2, 3 or 4',
      'ei must be 0.25, 0.5, 0.75 or 1',
      'confidentiality must be 0, 0.25 or 0.5',
      'malicious must be true or false',
    ]);
  });
});
