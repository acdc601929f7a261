import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Language } from '../agreements/agreement-terms';
import { AgreementsService } from '../agreements/agreements.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { FieldError } from '../common/error-body';
import { isKnownTimeZone } from '../common/time-zone.util';
import { DataController } from './data-controller.entity';
import { DataControllerException, DataControllerExceptionCode } from './data-controllers.exception';
import {
  CreateDataControllerDto,
  DataControllerResponseDto,
  mapDataController,
  UpdateDataControllerDto,
} from './dto/data-controller.dto';

export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

@Injectable()
export class DataControllersService {
  constructor(
    @InjectRepository(DataController) private readonly controllers: Repository<DataController>,
    private readonly agreements: AgreementsService,
    private readonly authorities: AuthoritiesService,
  ) {}

  async list(): Promise<DataControllerResponseDto[]> {
    const rows = await this.controllers.find({ order: { name: 'ASC', id: 'ASC' } });
    return rows.map(mapDataController);
  }

  async get(id: string): Promise<DataControllerResponseDto> {
    return mapDataController(await this.findOrThrow(id));
  }

  async create(dto: CreateDataControllerDto): Promise<DataControllerResponseDto> {
    const row = this.controllers.create({
      ...dto,
      organisationNumber: dto.organisationNumber ?? null,
      webhookUrl: dto.webhookUrl ?? null,
      timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
      language: dto.language as Language,
    });
    await this.assertReferences(row);
    return mapDataController(await this.controllers.save(row));
  }

  async update(id: string, dto: UpdateDataControllerDto): Promise<DataControllerResponseDto> {
    const row = await this.findOrThrow(id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const next = this.controllers.merge(row, changes);
    await this.assertReferences(next);
    return mapDataController(await this.controllers.save(next));
  }

  async findOrThrow(id: string): Promise<DataController> {
    const row = isUuid(id) ? await this.controllers.findOneBy({ id }) : null;
    if (!row)
      throw new DataControllerException(DataControllerExceptionCode.NOT_FOUND, `Unknown controller: ${id}`);
    return row;
  }

  /** Every reference the body makes must exist and fit: all problems are reported at once (422). */
  private async assertReferences(row: DataController): Promise<void> {
    const problems: FieldError[] = [];
    const agreement = await this.agreements.findCurrent(row.agreementId);
    if (!agreement) {
      problems.push({ field: 'agreementId', messages: [`unknown agreement: ${row.agreementId}`] });
    } else if (!agreement.languages.includes(row.language)) {
      problems.push({
        field: 'language',
        messages: [
          `agreement ${agreement.id} was signed in ${agreement.languages.join(', ')}, not in ${row.language}`,
        ],
      });
    }
    if (!(await this.authorities.exists(row.authorityId))) {
      problems.push({ field: 'authorityId', messages: [`unknown authority: ${row.authorityId}`] });
    }
    if (!isKnownTimeZone(row.timeZone)) {
      problems.push({ field: 'timeZone', messages: [`unknown time zone: ${row.timeZone}`] });
    }
    if (problems.length > 0) {
      throw new DataControllerException(
        DataControllerExceptionCode.INVALID_REFERENCE,
        `Invalid references: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
