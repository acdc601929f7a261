import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES_DIR } from '../agreements/agreements.service';
import type { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import { AppConfig } from '../config/config';
import { buildNoticeContext, NoticeContext } from './notice-context.util';
import { PdfPool } from './pdf-pool';
import { TemplatesService, templatesDir } from './templates.service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

const ISSUED = new Date('2026-11-22T10:00:00Z');
const templates = new TemplatesService();
templates.load(templatesDir());

const videonor = JSON.parse(
  readFileSync(join(BUILTIN_PROFILES_DIR, 'videonor.json'), 'utf8'),
) as AgreementProfileDto;

function givenContext(reference: string): NoticeContext {
  return buildNoticeContext({
    kind: 'data-subject-notice',
    phase: 'initial',
    language: 'nb',
    strings: templates.stringsFor('nb', videonor.id),
    reference,
    issuedAt: ISSUED,
    zone: 'Europe/Oslo',
    processor: videonor.processor,
    controllerName: 'Fjord Kommune',
    recipientName: 'Fjord Kommune',
    agreement: {
      title: videonor.title,
      version: 1,
      clauses: videonor.clauses,
      breachTerms: videonor.breachTerms,
    },
    obligation: { dueAt: null, conservativeDueAt: null, basis: 'statutory', windowHours: 72 },
    discoveredAt: ISSUED,
    processorAwareAt: ISSUED,
    controllerAwareAt: null,
    answers: new Map(),
    risk: null,
    ourContact: {
      organisation: videonor.processor.name,
      dpo: { name: 'DPO', email: 'dpo@videonor.example' },
      breach: { name: 'Vakt', email: 'vakt@videonor.example' },
    },
    controllerDpo: { name: 'Ola Personvern', email: 'personvern@fjord.example' },
    previous: null,
    reasonsForDelay: null,
  });
}

function givenPool(size: number): PdfPool {
  return new PdfPool(Object.assign(new AppConfig(), { PDF_WORKERS: size }));
}

describe(PdfPool.name, () => {
  it('renders each notice on its threads, every PDF its own, however many are asked for at once', async () => {
    const sut = givenPool(2);
    try {
      const references = ['BD-2026-0001', 'BD-2026-0002', 'BD-2026-0003', 'BD-2026-0004', 'BD-2026-0005'];
      const pdfs = await Promise.all(references.map((r) => sut.render(givenContext(r), ISSUED)));
      for (const [i, pdf] of pdfs.entries()) {
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const { text } = await pdfParse(pdf);
        expect(text).toContain(references[i]);
        expect(text).toContain('Fjord Kommune');
      }
    } finally {
      await sut.onApplicationShutdown();
    }
  });

  it('refuses to render once closed, and fails the PDFs still waiting for a thread when it closes', async () => {
    const sut = givenPool(1);
    const first = sut.render(givenContext('BD-2026-0001'), ISSUED);
    const waiting = sut.render(givenContext('BD-2026-0002'), ISSUED);
    const closed = sut.onApplicationShutdown();
    await expect(first).rejects.toThrow('The PDF pool closed before this PDF was rendered');
    await expect(waiting).rejects.toThrow('The PDF pool closed before this PDF was rendered');
    await closed;
    await expect(sut.render(givenContext('BD-2026-0003'), ISSUED)).rejects.toThrow('The PDF pool is closed');
  });
});
