import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import type { Outbound } from '../outbox/outbound.driver';
import { OutboxHandler, OutboxWorker } from '../outbox/outbox.worker';
import { NOTICE_JOB_ITEM_KIND, NoticeJobsService } from './notice-jobs.service';

/** Runs the items of notice jobs in the outbox: each message files one controller's notice (NoticeJobsService.runItem). */
@Injectable()
export class NoticeJobHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly worker: OutboxWorker,
    private readonly jobs: NoticeJobsService,
  ) {}

  onModuleInit(): void {
    this.worker.register(NOTICE_JOB_ITEM_KIND, this);
  }

  run(message: OutboxMessage): Promise<{ ok: boolean; detail: string }> {
    return this.jobs.runItem(message);
  }

  /** Nothing is sent for an item: its filing's notice has its own message. */
  build(message: OutboxMessage): Promise<Outbound> {
    return Promise.reject(new Error(`${message.kind} is run, not sent`));
  }

  /** runItem settled the item in its own transaction. */
  async delivered(): Promise<void> {}

  failed(em: EntityManager, message: OutboxMessage, _at: Date, detail: string): Promise<void> {
    return this.jobs.gaveUp(em, message, detail);
  }
}
