import { detectLanguage } from './dpa-language.util';

describe(detectLanguage.name, () => {
  it.each([
    ['en', 'The processor shall notify the controller without undue delay after becoming aware of a breach.'],
    [
      'nb',
      'Databehandleren skal uten ugrunnet opphold varsle den behandlingsansvarlige etter at bruddet ble kjent.',
    ],
    [
      'da',
      'Databehandleren underretter uden unødig forsinkelse den dataansvarlige efter at være blevet bekendt med bruddet.',
    ],
    [
      'sv',
      'Personuppgiftsbiträdet ska utan onödigt dröjsmål underrätta den personuppgiftsansvarige om en incident.',
    ],
    [
      'de',
      'Der Auftragnehmer informiert den Auftraggeber unverzüglich über jede Verletzung des Schutzes der Daten.',
    ],
  ])('tells %s', (language, text) => {
    const reading = detectLanguage(text);
    expect(reading.language).toBe(language);
    expect(reading.confidence).toBeGreaterThan(0.6);
  });

  it('tells Norwegian from Danish by the words they spell apart', () => {
    expect(detectLanguage('opplysninger etter avtalen uten opphold').language).toBe('nb');
    expect(detectLanguage('oplysninger efter aftalen uden ophold').language).toBe('da');
  });

  it('says it does not know, with no confidence, for a text with no marker word', () => {
    expect(detectLanguage('12345 — 678')).toEqual({
      language: 'en',
      confidence: 0,
      counts: { en: 0, nb: 0, da: 0, sv: 0, de: 0 },
    });
  });
});
