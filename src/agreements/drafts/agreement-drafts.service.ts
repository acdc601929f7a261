import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { LINT_CALENDARS, lintAgreement } from '../agreement-lint.util';
import { Clock } from '../../clock/clock';
import { validateProfile } from '../profile-validation.util';
import { AgreementDraftException, AgreementDraftExceptionCode } from './agreement-drafts.exception';
import type { ReaderLanguage } from './dpa-language.util';
import { readAgreement } from './dpa-reader.util';
import { AgreementDraftDto, DraftSourceDto, UnsupportedDto } from './dto/agreement-draft.dto';
import { DocumentFormat, ExtractionError, TextExtractionDriver } from './text-extraction.driver';

/** An uploaded file as the multipart parser hands it over. */
export interface UploadedDocument {
  buffer: Buffer;
  mimetype: string;
  originalname: string;
  size: number;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ACCEPTED_TYPES = ['text/plain', 'application/pdf', DOCX_TYPE] as const;

const FORMAT_OF_TYPE: Record<(typeof ACCEPTED_TYPES)[number], 'text' | DocumentFormat> = {
  'text/plain': 'text',
  'application/pdf': 'pdf',
  [DOCX_TYPE]: 'docx',
};

/** Fewer characters than this is no agreement: a scanned PDF gives none, or a page number. */
const MIN_TEXT = 200;

function unreadable(field: string, message: string): AgreementDraftException {
  return new AgreementDraftException(AgreementDraftExceptionCode.UNREADABLE, message, [
    { field, messages: [message] },
  ]);
}

/** Plain text as UTF-8; a file that is not valid UTF-8 is read as Windows-1252, as older Word exports are. */
function decodeText(buffer: Buffer): string {
  if (buffer.includes(0)) throw unreadable('file', 'the file is not plain text: it holds binary data');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('windows-1252').decode(buffer);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * Drafts an agreement profile from the agreement's own text. Nothing is saved: the draft is checked and fixed by a
 * person and saved through POST /agreements, like any profile.
 */
@Injectable()
export class AgreementDraftsService {
  constructor(
    private readonly extraction: TextExtractionDriver,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async draft(input: {
    file?: UploadedDocument;
    text?: string;
    language?: ReaderLanguage;
  }): Promise<AgreementDraftDto> {
    const { file, text, language } = input;
    if (file && text !== undefined) {
      throw new AgreementDraftException(
        AgreementDraftExceptionCode.FILE_AND_TEXT,
        'Give the agreement either as a file or as text, not both',
        [{ field: 'text', messages: ['leave text out when a file is uploaded'] }],
      );
    }
    if (!file && text === undefined) {
      throw new AgreementDraftException(
        AgreementDraftExceptionCode.NO_DOCUMENT,
        'No agreement given: upload it as multipart/form-data in the field "file", or send JSON { text }',
        [
          { field: 'file', messages: [`a file of type ${ACCEPTED_TYPES.join(', ')}`] },
          { field: 'text', messages: ['or the agreement as plain text'] },
        ],
      );
    }
    const { content, source } = file
      ? await this.readFile(file)
      : { content: text!, source: this.textSource(text!) };
    if (content.replace(/\s+/g, '').length < MIN_TEXT) {
      const field = file ? 'file' : 'text';
      throw new AgreementDraftException(
        AgreementDraftExceptionCode.NO_TEXT,
        file?.mimetype === 'application/pdf'
          ? 'The PDF holds almost no text: a scanned agreement must be run through text recognition first'
          : 'The agreement holds almost no text',
        [{ field, messages: [`at least ${MIN_TEXT} characters of text`] }],
      );
    }
    return this.draftFromText(content, source, language);
  }

  private draftFromText(text: string, source: DraftSourceDto, language?: ReaderLanguage): AgreementDraftDto {
    const reading = readAgreement(text, { language });
    const { problems } = validateProfile(reading.profile);
    const unsupported: UnsupportedDto[] = reading.values
      .filter((v) => v.unsupported !== undefined)
      .map((v) => ({ field: v.field, note: v.unsupported!, quote: v.quote, clause: v.clause }));
    return {
      profile: reading.profile,
      language: reading.language,
      values: reading.values,
      deadline: reading.deadline,
      unsupported,
      problems,
      // The lint needs terms it can compute a deadline from; a draft with problems gets its warnings once fixed.
      warnings:
        problems.length === 0
          ? lintAgreement(reading.profile, this.config.defaultTargets, {
              calendars: LINT_CALENDARS,
              from: this.clock.now(),
            })
          : [],
      source: { ...source, characters: text.length },
      text,
    };
  }

  private textSource(text: string): DraftSourceDto {
    return { format: 'text', characters: text.length };
  }

  private async readFile(file: UploadedDocument): Promise<{ content: string; source: DraftSourceDto }> {
    const type = file.mimetype.split(';')[0].trim().toLowerCase() as (typeof ACCEPTED_TYPES)[number];
    const format = FORMAT_OF_TYPE[type] as 'text' | DocumentFormat | undefined;
    if (!format) {
      throw new AgreementDraftException(
        AgreementDraftExceptionCode.UNSUPPORTED_TYPE,
        `A file of type ${file.mimetype || 'unknown'} cannot be read`,
        [{ field: 'file', messages: [`the type must be one of ${ACCEPTED_TYPES.join(', ')}`] }],
      );
    }
    const source: DraftSourceDto = { format, fileName: file.originalname, characters: 0 };
    if (format === 'text') return { content: decodeText(file.buffer), source };
    // The bytes must be what the type says, before a parser sees them.
    if (format === 'pdf' && !file.buffer.subarray(0, 1024).includes('%PDF-')) {
      throw unreadable('file', 'the file is not a PDF');
    }
    if (format === 'docx' && file.buffer.readUInt32LE(0) !== 0x04034b50) {
      throw unreadable('file', 'the file is not a DOCX document (a zip archive)');
    }
    try {
      const extracted = await this.extraction.extract(format, file.buffer);
      return { content: extracted.text, source: { ...source, pages: extracted.pages } };
    } catch (error) {
      if (error instanceof ExtractionError) {
        throw unreadable(
          'file',
          `the ${format === 'pdf' ? 'PDF' : 'DOCX document'} could not be read: ${error.message}`,
        );
      }
      throw error;
    }
  }
}
