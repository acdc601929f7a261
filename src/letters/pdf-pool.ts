import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppConfig } from '../config/config';
import type { NoticeContext } from './notice-context.util';
import type { PdfResult, PdfTask } from './pdf.worker';

interface Pending {
  task: PdfTask;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  busy: Pending | null;
}

/**
 * A small pool of worker threads rendering the notices' PDFs (PDF_WORKERS of them), so that a notice job of thousands
 * does not hold the thread that answers requests, and renders on the other cores. The service, the tests and the
 * benches all render through it: there is one way a PDF is made. Threads start on the first PDF (most requests never
 * render one), are unref'd while idle (an idle pool keeps no process alive), and end when the application closes,
 * after the outbox has finished the work under way (BeforeApplicationShutdown).
 */
@Injectable()
export class PdfPool implements OnApplicationShutdown {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /** The notice as a PDF, rendered on one of the pool's threads (see renderPdf). */
  render(context: NoticeContext, issuedAt: Date): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The PDF pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, context, issuedAt }, resolve, reject });
      this.dispatch();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const closing = new Error('The PDF pool closed before this PDF was rendered');
    for (const pending of this.queue.splice(0)) pending.reject(closing);
    const threads = this.threads.splice(0);
    for (const thread of threads) thread.busy?.reject(closing);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => !t.busy) ?? this.startThread();
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.busy = pending;
      thread.worker.ref();
      thread.worker.postMessage(pending.task);
    }
  }

  /** A new thread while the pool is below its size, else none (the task waits for a free one). */
  private startThread(): Thread | null {
    if (this.threads.length >= this.config.PDF_WORKERS) return null;
    const thread: Thread = { worker: spawn(), busy: null };
    thread.worker.on('message', (result: PdfResult) => {
      const pending = thread.busy;
      thread.busy = null;
      thread.worker.unref();
      if (pending && pending.task.id === result.id) {
        if ('pdf' in result)
          pending.resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
        else pending.reject(new Error(`PDF rendering failed: ${result.error}`));
      }
      this.dispatch();
    });
    // A thread that died (out of memory, a crash in a native module) fails its task; the next task starts another.
    const lost = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      this.threads.splice(index, 1);
      thread.busy?.reject(error);
      thread.busy = null;
      if (!this.closed) this.dispatch();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', (code) => lost(new Error(`PDF worker thread exited with code ${code}`)));
    this.threads.push(thread);
    return thread;
  }
}

/** The worker script beside this file: compiled JavaScript in the build, TypeScript through ts-node in tests and benches. */
function spawn(): Worker {
  const ext = extname(__filename);
  return new Worker(join(__dirname, `pdf.worker${ext}`), {
    ...(ext === '.ts' ? { execArgv: ['--require', 'ts-node/register/transpile-only'] } : {}),
    // A PDF needs a few MB while it is made and nothing after: a small heap, collected often, keeps the pool's memory
    // flat over a job of thousands (V8 would otherwise let each thread's heap grow towards its default limit first).
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
  });
}
