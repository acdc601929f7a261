import { Injectable } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

export type DocumentFormat = 'pdf' | 'docx';

export interface ExtractedText {
  text: string;
  /** Pages, for a PDF. */
  pages?: number;
}

/** Why a document could not be read: the caller turns it into its own error. */
export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'ExtractionError';
  }
}

/**
 * Runs in a worker thread: PDF text through unpdf (a serverless build of Mozilla's PDF.js), DOCX text through mammoth.
 * Plain JavaScript, evaluated by the worker, so that it needs no file of its own in the build and loads PDF.js (an ES
 * module) natively, whatever loads this file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
async function extract({ format, data, modules }) {
  const bytes = new Uint8Array(data);
  if (format === 'pdf') {
    const { getDocumentProxy, extractText } = require(modules.unpdf);
    const pdf = await getDocumentProxy(bytes);
    const { text, totalPages } = await extractText(pdf, { mergePages: false });
    return { text: text.join('\\n\\n'), pages: totalPages };
  }
  const mammoth = require(modules.mammoth);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return { text: value };
}
extract(workerData).then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }),
);
`;

/**
 * The boundary to the document parsers. Each document is parsed in its own worker thread with a time and memory
 * limit: a hostile or broken file costs that worker, never the service's event loop.
 */
@Injectable()
export class TextExtractionDriver {
  private readonly modules = { unpdf: require.resolve('unpdf'), mammoth: require.resolve('mammoth') };
  /** How long one document may take to parse. */
  timeoutMs = 20_000;
  /** The parser's heap. */
  maxMemoryMb = 512;

  extract(format: DocumentFormat, data: Buffer): Promise<ExtractedText> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { format, data, modules: this.modules },
        resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
        stdout: true,
        stderr: true,
      });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new ExtractionError(`reading the ${format} took longer than ${this.timeoutMs} ms`, true)),
          ),
        this.timeoutMs,
      );
      worker.once(
        'message',
        (message: { ok: true; result: ExtractedText } | { ok: false; message: string }) =>
          finish(() => (message.ok ? resolve(message.result) : reject(new ExtractionError(message.message)))),
      );
      worker.once('error', (error) => finish(() => reject(new ExtractionError(error.message))));
      worker.once('exit', (code) =>
        finish(() => reject(new ExtractionError(`the ${format} reader stopped (exit code ${code})`))),
      );
    });
  }
}
