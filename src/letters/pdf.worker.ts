import { parentPort } from 'node:worker_threads';
import type { NoticeContext } from './notice-context.util';
import { renderPdf } from './pdf.renderer';

/** One thread of the PdfPool: renders each notice it is sent and answers with the PDF or the error. */
export interface PdfTask {
  id: number;
  context: NoticeContext;
  issuedAt: Date;
}

export type PdfResult = { id: number; pdf: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (task: PdfTask) => {
  renderPdf(task.context, task.issuedAt).then(
    (pdf) => parentPort!.postMessage({ id: task.id, pdf } satisfies PdfResult),
    (error: unknown) =>
      parentPort!.postMessage({
        id: task.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies PdfResult),
  );
});
