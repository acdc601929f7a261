import type { TextLanguage } from '../forms/render.util';

const BY_COUNTRY: Record<string, TextLanguage> = {
  NO: 'nb',
  DK: 'da',
  SE: 'sv',
  DE: 'de',
  AT: 'de',
  CH: 'de',
};

/**
 * The default language of a notice to the data subjects: that of the controller's country (ISO 3166-1 alpha-2), as
 * Art. 34(2) asks for clear and plain language, so theirs. A country with none of our languages gets English.
 */
export function dataSubjectLanguage(country: string): TextLanguage {
  return BY_COUNTRY[country.toUpperCase()] ?? 'en';
}
