/**
 * npm run bench:letters — notice documents rendered per second on one core (one process, one at a time).
 * Renders a complete Videonor controller notice in Norwegian: HTML from the compiled template, PDF with the embedded
 * font. Targets: ≥ 2,000 HTML and ≥ 50 PDF per second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AgreementProfileDto } from '../src/agreements/dto/agreement-profile.dto';
import type { Answer } from '../src/forms/form.util';
import { buildNoticeContext } from '../src/letters/notice-context.util';
import { renderPdf } from '../src/letters/pdf.renderer';
import { TemplatesService, templatesDir } from '../src/letters/templates.service';

const profile = JSON.parse(
  readFileSync(join(__dirname, '..', 'src', 'agreements', 'profiles', 'videonor.json'), 'utf8'),
) as AgreementProfileDto;
const templates = new TemplatesService();
templates.load(templatesDir());

const answers = new Map<string, Answer>(
  Object.entries({
    whatHappened: 'Eksportfiler ble videresendt til en ekstern postkasse',
    breachTypes: ['confidentiality'],
    natureOfBreach: 'Feilkonfigurert videresendingsregel i e-postreléet',
    dataSubjectCategories: ['Innbyggere', 'Ansatte'],
    approxDataSubjects: { min: 1000, max: 5000 },
    personalDataCategories: [{ name: 'Fødselsnummer', flags: ['national-id'] }, { name: 'Navn og adresse' }],
    approxRecords: 12000,
    likelyConsequences: 'Risiko for identitetstyveri',
    enisa: { dpc: 3, ei: 1, confidentiality: 0.5, integrity: 0, availability: 0, malicious: false },
    measuresTaken: 'Regelen er fjernet og passord byttet',
    measuresProposed: 'Godkjenning av utgående regler',
    mitigation: 'Kredittovervåking tilbys de berørte',
    contactPoint: { name: 'Åse Ærlig Sørensen', email: 'personvern@fjord.example' },
  }).map(([key, value]) => [key, { state: 'known', value }]),
);

function context() {
  return buildNoticeContext({
    kind: 'controller-notice',
    phase: 'initial',
    language: 'nb',
    strings: templates.stringsFor('nb', 'videonor'),
    reference: 'BR-2026-0001',
    issuedAt: new Date('2026-11-22T10:00:00Z'),
    zone: 'Europe/Oslo',
    processor: profile.processor,
    controllerName: 'Fjord Kommune',
    recipientName: 'Fjord Kommune',
    agreement: {
      title: profile.title,
      version: 1,
      clauses: profile.clauses,
      breachTerms: profile.breachTerms,
    },
    obligation: {
      dueAt: new Date('2026-11-23T08:12:00Z'),
      conservativeDueAt: null,
      basis: 'target',
      windowHours: 24,
    },
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt: new Date('2026-11-22T08:12:00Z'),
    controllerAwareAt: null,
    answers,
    risk: 'risk',
    ourContact: {
      organisation: 'Videonor AS',
      dpo: { name: 'Per Ombud', email: 'personvern@videonor.example' },
      breach: { email: 'avvik@videonor.example', phone: '+47 22 00 00 00' },
    },
    controllerDpo: { name: 'Ola Personvern', email: 'personvern@fjord.example' },
    previous: null,
    reasonsForDelay: null,
  });
}

async function perSecond(seconds: number, render: () => unknown): Promise<{ count: number; rate: number }> {
  for (let i = 0; i < 20; i++) await render(); // warm-up
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < seconds * 1000) {
    await render();
    count++;
  }
  return { count, rate: count / ((performance.now() - start) / 1000) };
}

async function main(): Promise<void> {
  const html = await perSecond(3, () => templates.renderHtml(context()));
  const text = await perSecond(2, () => templates.renderText(context()));
  const pdf = await perSecond(5, () => renderPdf(context(), new Date('2026-11-22T10:00:00Z')));
  const sample = await renderPdf(context(), new Date('2026-11-22T10:00:00Z'));
  console.log('bench:letters — one core, one document at a time (context built for each)');
  console.log(
    `HTML  ${Math.round(html.rate).toLocaleString('en')} per second (${html.count} in 3 s)   target ≥ 2,000`,
  );
  console.log(`text  ${Math.round(text.rate).toLocaleString('en')} per second (${text.count} in 2 s)`);
  console.log(
    `PDF   ${Math.round(pdf.rate).toLocaleString('en')} per second (${pdf.count} in 5 s, ${Math.round(sample.length / 1024)} KiB each)   target ≥ 50`,
  );
  console.log(html.rate >= 2000 && pdf.rate >= 50 ? 'within the targets' : 'OUTSIDE the targets');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
