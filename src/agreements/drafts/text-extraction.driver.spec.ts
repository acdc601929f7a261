import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxOf, pdfOf } from '../../../test/dpa-documents';
import { readAgreement } from './dpa-reader.util';
import { ExtractionError, TextExtractionDriver } from './text-extraction.driver';

const CORPUS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'dpa');
const texts = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), 'utf8') }));

/** What a reading says of the breach terms, the deadline and the notice clause. */
const terms = (text: string) => {
  const r = readAgreement(text);
  return {
    breachTerms: r.profile.breachTerms,
    deadline: { ...r.deadline, quote: undefined },
    clause: r.deadline.clause,
  };
};

describe(TextExtractionDriver.name, () => {
  const sut = new TextExtractionDriver();

  it('reads the same terms from a PDF of each corpus text as from the text', async () => {
    for (const { name, text } of texts) {
      const extracted = await sut.extract('pdf', await pdfOf(text));
      expect({ name, ...terms(extracted.text) }).toEqual({ name, ...terms(text) });
      expect(extracted.pages).toBe(1);
    }
  }, 60_000);

  it('reads the same terms from a DOCX of each corpus text as from the text', async () => {
    for (const { name, text } of texts) {
      const extracted = await sut.extract('docx', docxOf(text));
      expect({ name, ...terms(extracted.text) }).toEqual({ name, ...terms(text) });
    }
  }, 60_000);

  it('turns a broken document into an ExtractionError', async () => {
    await expect(sut.extract('pdf', Buffer.from('%PDF-1.7 and then nothing'))).rejects.toBeInstanceOf(
      ExtractionError,
    );
    await expect(sut.extract('docx', Buffer.from('PK\u0003\u0004 truncated'))).rejects.toBeInstanceOf(
      ExtractionError,
    );
  });

  it('stops a parse that takes longer than its time', async () => {
    const slow = new TextExtractionDriver();
    slow.timeoutMs = 1;
    await expect(slow.extract('pdf', await pdfOf('8.1 A text.'))).rejects.toMatchObject({
      name: 'ExtractionError',
      timedOut: true,
    });
  });
});
