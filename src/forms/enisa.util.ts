/**
 * ENISA's method (2013) for the severity of a personal data breach: SE = DPC × EI + CB.
 * The score informs; a person decides "no risk / risk / high risk" and writes the reasoning.
 */
export interface EnisaInputs {
  /** Data processing context, 1–4: simple 1, behavioural 2, financial 3, sensitive 4 (adjusted for context). */
  dpc: number;
  /** Ease of identification: 0.25 negligible, 0.5 limited, 0.75 significant, 1 maximum. */
  ei: number;
  /** Circumstances of the breach: loss of confidentiality, integrity, availability, each 0 / 0.25 / 0.5. */
  confidentiality: number;
  integrity: number;
  availability: number;
  /** Malicious intent adds 0.5. */
  malicious: boolean;
}

export const ENISA_BANDS = ['low', 'medium', 'high', 'very-high'] as const;
export type EnisaBand = (typeof ENISA_BANDS)[number];

export const EI_VALUES = [0.25, 0.5, 0.75, 1];
export const CB_VALUES = [0, 0.25, 0.5];

/**
 * The method's numbers as data: the score's rounding, what malicious intent adds, and where each band starts. The
 * pages' live calculator reads this very object (rendered into the page), so the band shown while typing and the
 * band recorded with a decision come from one table.
 */
export const ENISA_MODEL = {
  decimals: 2,
  maliciousBonus: 0.5,
  lowest: 'low',
  /** Each band from its lower bound (inclusive), ascending: below 2 low, 2 to below 3 medium, and so on. */
  bands: [
    { band: 'medium', from: 2 },
    { band: 'high', from: 3 },
    { band: 'very-high', from: 4 },
  ],
} as const satisfies {
  decimals: number;
  maliciousBonus: number;
  lowest: EnisaBand;
  bands: readonly { band: EnisaBand; from: number }[];
};

export function enisaScore(i: EnisaInputs): { score: number; band: EnisaBand } {
  const m = ENISA_MODEL;
  const cb = i.confidentiality + i.integrity + i.availability + (i.malicious ? m.maliciousBonus : 0);
  const scale = 10 ** m.decimals;
  const score = Math.round((i.dpc * i.ei + cb) * scale) / scale;
  const band: EnisaBand = [...m.bands].reverse().find((b) => score >= b.from)?.band ?? m.lowest;
  return { score, band };
}

/** What is wrong with a set of inputs, if anything. */
export function enisaProblems(v: unknown): string[] {
  if (typeof v !== 'object' || v === null)
    return ['must be an object { dpc, ei, confidentiality, integrity, availability, malicious }'];
  const i = v as Record<string, unknown>;
  const problems: string[] = [];
  if (!Number.isInteger(i.dpc) || (i.dpc as number) < 1 || (i.dpc as number) > 4)
    problems.push('dpc must be 1, 2, 3 or 4');
  if (!EI_VALUES.includes(i.ei as number)) problems.push('ei must be 0.25, 0.5, 0.75 or 1');
  for (const k of ['confidentiality', 'integrity', 'availability']) {
    if (!CB_VALUES.includes(i[k] as number)) problems.push(`${k} must be 0, 0.25 or 0.5`);
  }
  if (typeof i.malicious !== 'boolean') problems.push('malicious must be true or false');
  const extra = Object.keys(i).filter(
    (k) => !['dpc', 'ei', 'confidentiality', 'integrity', 'availability', 'malicious'].includes(k),
  );
  if (extra.length) problems.push(`unknown inputs: ${extra.join(', ')}`);
  return problems;
}
