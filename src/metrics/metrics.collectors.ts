import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ObligationsService } from '../obligations/obligations.service';
import { OutboxService } from '../outbox/outbox.service';
import { MetricsService } from './metrics.service';

/**
 * The gauges worked out at each scrape, from the database as it is then. Each reads through the service of the
 * module that owns the table (one query each, no SQL of ours on their tables, nothing written): obligations by
 * ObligationsService.countByStatus, the outbox by OutboxService.depth, the audit chain by AuditService.head.
 */
@Injectable()
export class MetricsCollectors implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly obligations: ObligationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const { obligations, outbox, audit, dataSource, clock } = this;
    this.metrics.gauge({
      name: 'breach_desk_obligations',
      help: 'Obligations by status as shown (overdue: open past its due time, counted there and not under open)',
      labelNames: ['status'] as const,
      async collect() {
        const counts = await obligations.countByStatus(clock.now());
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    });
    this.metrics.gauge({
      name: 'breach_desk_outbox_messages',
      help: 'Outbox messages waiting to be sent (pending), being sent (sending), and given up on (failed)',
      labelNames: ['status'] as const,
      async collect() {
        const depth = await outbox.depth(dataSource.manager);
        for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
      },
    });
    this.metrics.gauge({
      name: 'breach_desk_audit_chain_length',
      help: 'Rows in the audit chain (the seq of its last row)',
      async collect() {
        this.set(Number((await audit.head()).seq));
      },
    });
  }
}
