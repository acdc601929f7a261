import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { ServiceKeys } from '../config/service-keys';
import { Checkpoint, signCheckpoint } from './audit-chain.util';
import { AuditService } from './audit.service';
import { CHECKPOINT_SINKS, CheckpointSink } from './checkpoint-sinks.driver';

export interface SinkOutcome {
  sink: string;
  ok: boolean;
  detail?: string;
}

export interface IssuedCheckpoint {
  checkpoint: Checkpoint;
  written: SinkOutcome[];
}

/** Signs the head of the audit chain and writes it out of the database (log, file, URL). */
@Injectable()
export class AuditCheckpointsService {
  private readonly logger = new Logger(AuditCheckpointsService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly keys: ServiceKeys,
    @Inject(CHECKPOINT_SINKS) private readonly sinks: CheckpointSink[],
  ) {}

  /** Every sink is tried; each one's outcome is returned, and a failure is logged as an error. */
  async issue(): Promise<IssuedCheckpoint> {
    const head = await this.audit.head();
    const checkpoint = signCheckpoint(this.keys.auditCheckpoint, {
      ...head,
      at: this.clock.now().toISOString(),
    });
    const written = await Promise.all(
      this.sinks.map(async (sink): Promise<SinkOutcome> => {
        try {
          await sink.write(checkpoint);
          return { sink: sink.name, ok: true };
        } catch (error) {
          const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          this.logger.error(`Audit checkpoint seq ${checkpoint.seq} not written to ${sink.name}: ${detail}`);
          return { sink: sink.name, ok: false, detail };
        }
      }),
    );
    return { checkpoint, written };
  }
}
