import { splitSentences, structureText } from './dpa-text.util';

const clauseOf = (text: string, needle: string) =>
  structureText(text).sentences.find((s) => s.text.includes(needle))?.clause;

describe(structureText.name, () => {
  it('numbers clauses "5.6" under a section "5."', () => {
    const text =
      '5. The processor\n\n5.6 Assistance to the controller\n\nThe processor must notify the controller.';
    const { sentences, clauses } = structureText(text);
    expect(clauses).toEqual(['5', '5.6']);
    expect(sentences[0]).toMatchObject({
      clause: '5.6',
      section: '5',
      headings: ['The processor', 'Assistance to the controller'],
    });
  });

  it('takes a clause number with its first sentence on the same line', () => {
    expect(clauseOf('8. Breaches\n8.1 In case of a breach, the processor notifies.', 'In case')).toBe('8.1');
  });

  it('names clauses "Clause 5", "§ 3", "Punkt 4" and "Ziffer 9" as written, and their numbered clauses', () => {
    expect(clauseOf('Clause 5 Obligations\n\n• The Contractor informs.', 'informs')).toBe('Clause 5');
    expect(clauseOf('§3 Meldung\n(1) Der Auftragnehmer meldet.', 'meldet')).toBe('§ 3');
    expect(clauseOf('Punkt 4 Avvik\n\n4.1 Databehandleren varsler.', 'varsler')).toBe('4.1');
    expect(structureText('Punkt 4 Avvik\n\n4.1 Databehandleren varsler.').sentences[0].headings).toEqual([
      'Avvik',
    ]);
    expect(clauseOf('Ziffer 9 Verletzungen\n9.1 Der Dienstleister meldet.', 'meldet')).toBe('9.1');
  });

  it('numbers an indented list under a section "8" as its clauses, and deeper items as part of them', () => {
    const text =
      '8 Notification\n\n  1. The processor notifies.\n  2. It assists with:\n    1. The nature of the breach';
    const { sentences } = structureText(text);
    expect(sentences.map((s) => [s.clause, s.listItem, s.lead])).toEqual([
      ['8.1', false, null],
      ['8.2', false, null],
      ['8.2', true, 1],
    ]);
  });

  it('reads appendix clauses "C.8" and "B3"', () => {
    expect(clauseOf('C. INSTRUCTIONS\n\nC.8 Contact details\n\nSecurity breach:', 'Security')).toBe('C.8');
    expect(clauseOf('Appendix B: Instructions\n\nB3 Storage period\n\nThe data is kept.', 'kept')).toBe('B3');
  });

  it('does not take a postcode or an hour count at the start of a line for a clause', () => {
    const text = '1. Parties\n\nalfaview gmbh\n76133 Karlsruhe\n\n2. Breaches\n\nThe processor notifies.';
    expect(structureText(text).clauses).toEqual(['1', '2']);
  });

  it('joins a sentence wrapped across the lines of a page, and nothing else', () => {
    const line = 'The Processor shall notify the Controller in writing without undue delay and in any event';
    const text = `7. Breaches\n7.1 ${line}\nwithin 36 hours after becoming aware of a breach.\n7.2 Next.`;
    expect(structureText(text).sentences.map((s) => s.text)).toEqual([
      `${line} within 36 hours after becoming aware of a breach.`,
      'Next.',
    ]);
  });
});

describe(splitSentences.name, () => {
  it('does not end a sentence after an abbreviation or an article number', () => {
    expect(
      splitSentences(
        'The processor must notify (ref. Article 33. 2) the controller, cf. Art. 28. It shall assist.',
      ),
    ).toEqual([
      'The processor must notify (ref. Article 33. 2) the controller, cf. Art. 28.',
      'It shall assist.',
    ]);
    expect(
      splitSentences('Der Auftragnehmer meldet z. B. Vorfälle gem. Art. 33 Abs. 2 DSGVO. Dann hilft er.'),
    ).toEqual(['Der Auftragnehmer meldet z. B. Vorfälle gem. Art. 33 Abs. 2 DSGVO.', 'Dann hilft er.']);
  });
});
