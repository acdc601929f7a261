import { dataSubjectLanguage } from './notice-language.util';

describe(dataSubjectLanguage.name, () => {
  it.each([
    ['NO', 'nb'],
    ['DK', 'da'],
    ['SE', 'sv'],
    ['DE', 'de'],
    ['AT', 'de'],
    ['CH', 'de'],
    ['se', 'sv'],
    ['FI', 'en'],
    ['GB', 'en'],
  ])('a controller in %s writes to its data subjects in %s by default', (country, language) => {
    expect(dataSubjectLanguage(country)).toBe(language);
  });
});
