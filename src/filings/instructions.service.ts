import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { DataControllersService } from '../data-controllers/data-controllers.service';
import { ControllerInstruction } from './controller-instruction.entity';
import { CreateInstructionDto, InstructionDto, InstructionListQueryDto } from './dto/filing.dto';

@Injectable()
export class InstructionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly controllers: DataControllersService,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, controllerId: string, dto: CreateInstructionDto): Promise<InstructionDto> {
    await this.controllers.findVisible(actor, controllerId);
    return this.dataSource.transaction(async (em) => {
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
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'instruction.record',
        entityType: 'controller',
        entityId: controllerId,
        after,
      });
      return after;
    });
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
