import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { DataControllersService } from '../data-controllers/data-controllers.service';
import { OutboxWorker } from '../outbox/outbox.worker';
import { ControllerInstruction, type InstructionScope } from './controller-instruction.entity';
import { CreateInstructionDto, InstructionDto, InstructionListQueryDto } from './dto/filing.dto';

/**
 * Told of each instruction in the transaction that records it (a notice job resumes the items that waited for it), so
 * that what it enqueues commits with the instruction or not at all.
 */
export type InstructionListener = (
  em: EntityManager,
  instruction: { controllerId: string; scope: InstructionScope },
) => Promise<void>;

@Injectable()
export class InstructionsService {
  private readonly listeners: InstructionListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly controllers: DataControllersService,
    private readonly audit: AuditService,
    private readonly worker: OutboxWorker,
  ) {}

  onRecorded(listener: InstructionListener): void {
    this.listeners.push(listener);
  }

  async record(actor: Actor, controllerId: string, dto: CreateInstructionDto): Promise<InstructionDto> {
    await this.controllers.findVisible(actor, controllerId);
    const recorded = await this.dataSource.transaction(async (em) => {
      const row = await em.save(
        em.create(ControllerInstruction, {
          controllerId,
          scope: dto.scope,
          givenBy: dto.givenBy,
          givenAt: new Date(dto.givenAt),
          reference: dto.reference,
          recordedAt: this.clock.now(),
          recordedByKeyId: actor.keyId,
        }),
      );
      const after = map(row);
      // Before the audit row: the listeners take their locks before the audit chain's, as every writer does.
      for (const listener of this.listeners) await listener(em, { controllerId, scope: dto.scope });
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'instruction.record',
        entityType: 'controller',
        entityId: controllerId,
        after,
      });
      return after;
    });
    this.worker.kick();
    return recorded;
  }

  async list(
    actor: Actor,
    controllerId: string,
    query: InstructionListQueryDto,
  ): Promise<Page<InstructionDto>> {
    await this.controllers.findVisible(actor, controllerId);
    const [rows, total] = await this.dataSource.manager.findAndCount(ControllerInstruction, {
      where: { controllerId },
      order: { recordedAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(map), total, limit: query.limit, offset: query.offset };
  }
}

function map(row: ControllerInstruction): InstructionDto {
  return {
    id: row.id,
    controllerId: row.controllerId,
    scope: row.scope,
    givenBy: row.givenBy,
    givenAt: row.givenAt.toISOString(),
    reference: row.reference,
    recordedAt: row.recordedAt.toISOString(),
  };
}
