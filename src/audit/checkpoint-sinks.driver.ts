import { Logger } from '@nestjs/common';
import { appendFile } from 'node:fs/promises';
import { AppConfig } from '../config/config';
import { OutboundPolicy, outboundPolicy } from '../outbound/address-policy.util';
import { isSuccess, safePost } from '../outbound/safe-http.driver';
import type { Checkpoint } from './audit-chain.util';

/** A place outside the database where checkpoints are kept, so that the database alone cannot rewrite history. */
export interface CheckpointSink {
  readonly name: string;
  write(checkpoint: Checkpoint): Promise<void>;
}

export const CHECKPOINT_SINKS = Symbol('CHECKPOINT_SINKS');

class LogSink implements CheckpointSink {
  readonly name = 'log';
  private readonly logger = new Logger('AuditCheckpoint');
  write(checkpoint: Checkpoint): Promise<void> {
    this.logger.log({ checkpoint }, `Audit checkpoint: seq ${checkpoint.seq}, hash ${checkpoint.hash}`);
    return Promise.resolve();
  }
}

/** One JSON line per checkpoint, ready to POST back to /audit/verify. */
class FileSink implements CheckpointSink {
  readonly name = 'file';
  constructor(private readonly path: string) {}
  async write(checkpoint: Checkpoint): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }
}

class UrlSink implements CheckpointSink {
  readonly name = 'url';
  constructor(
    private readonly url: string,
    private readonly policy: OutboundPolicy,
  ) {}
  async write(checkpoint: Checkpoint): Promise<void> {
    const res = await safePost(
      this.url,
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'breach-desk.audit-checkpoint', checkpoint }),
        timeoutMs: 10_000,
      },
      this.policy,
    );
    if (!isSuccess(res.status)) throw new Error(`AUDIT_CHECKPOINT_URL answered HTTP ${res.status}`);
  }
}

/** The log always; a file and a URL where configured. */
export function checkpointSinks(config: AppConfig): CheckpointSink[] {
  const sinks: CheckpointSink[] = [new LogSink()];
  if (config.AUDIT_CHECKPOINT_FILE) sinks.push(new FileSink(config.AUDIT_CHECKPOINT_FILE));
  if (config.AUDIT_CHECKPOINT_URL)
    sinks.push(new UrlSink(config.AUDIT_CHECKPOINT_URL, outboundPolicy(config)));
  return sinks;
}
