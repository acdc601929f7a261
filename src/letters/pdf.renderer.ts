import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NoticeContext } from './notice-context.util';

// DejaVu Sans is embedded in every PDF: it has æøå and äöüß, and a reader needs no font of its own.
// Each font is parsed once per process and shared by every document: fontkit decodes a font's tables lazily on its
// first use, and doing that again for each document cost more than the rest of the rendering together.
const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const load = (file: string) => fontkit.create(readFileSync(join(FONT_DIR, file))) as Font;
const REGULAR = load('DejaVuSans.ttf');
const BOLD = load('DejaVuSans-Bold.ttf');
const ITALIC = load('DejaVuSans-Oblique.ttf');

/** The notice as a PDF (A4), from the same context as the HTML and text, with no browser. */
export function renderPdf(c: NoticeContext, issuedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${c.title} – ${c.reference}`,
      Subject: c.phaseTitle,
      Creator: 'Breach Desk',
      CreationDate: issuedAt,
    },
  });
  // pdfkit takes a parsed fontkit font as well as a file (its PDFFontFactory checks for `layout`); its types do not say so.
  const register = doc.registerFont.bind(doc) as unknown as (name: string, font: Font) => void;
  register('regular', REGULAR);
  register('bold', BOLD);
  register('italic', ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const paragraph = (text: string) => {
    if (text) doc.font('regular').fontSize(10).text(text, { paragraphGap: 6 });
  };
  doc.font('bold').fontSize(16).text(c.title);
  doc
    .font('regular')
    .fontSize(11)
    .fillColor('#555555')
    .text(c.phaseTitle, { paragraphGap: 8 })
    .fillColor('black');
  for (const f of c.facts)
    doc.font('bold').fontSize(9).text(`${f.label}: `, { continued: true }).font('regular').text(f.value);
  doc.moveDown();
  for (const text of [c.intro, c.clauseSentence, c.deadlineSentence, c.triggerSentence, c.thirdPartyNote])
    paragraph(text);
  for (const section of c.sections) {
    doc.moveDown(0.5).font('bold').fontSize(12).text(section.title, { paragraphGap: 4 });
    for (const f of section.fields) {
      doc.font('bold').fontSize(9).text(f.label);
      doc
        .font(f.toFollow ? 'italic' : 'regular')
        .fontSize(10)
        .text(f.text, { paragraphGap: 4 });
    }
  }
  if (c.isFollowUp) {
    doc.moveDown(0.5).font('bold').fontSize(12).text(c.labels.changes, { paragraphGap: 4 });
    if (c.changes.length === 0) paragraph(c.labels.noChanges);
    for (const ch of c.changes)
      paragraph(`${ch.label}: ${c.labels.before} “${ch.before}”, ${c.labels.now} “${ch.after}”`);
  }
  if (c.showReasonsForDelay) {
    doc.moveDown(0.5).font('bold').fontSize(12).text(c.labels.reasonsForDelay, { paragraphGap: 4 });
    paragraph(c.reasonsForDelay);
  }
  if (c.hasToFollow) paragraph(c.toFollowNote);
  if (c.isFinal) paragraph(c.finalNote);
  paragraph(c.closingText);
  doc.end();
  return done;
}
