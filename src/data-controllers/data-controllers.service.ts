import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { type Actor, SYSTEM_ACTOR } from '../access/roles';
import type { Language } from '../agreements/agreement-terms';
import { AgreementsService } from '../agreements/agreements.service';
import { knowsHolidaysOf } from '../agreements/business-days.util';
import { RegimesService } from '../regimes/regimes.service';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { AppConfig } from '../config/config';
import { ServiceKeys } from '../config/service-keys';
import { outboundPolicy, urlProblems } from '../outbound/address-policy.util';
import { FieldError } from '../common/error-body';
import type { Page } from '../common/paging';
import { openSecret, sealSecret, SEALED_PREFIX } from '../common/secret-box.util';
import { isKnownTimeZone } from '../common/time-zone.util';
import { isUuid } from '../common/uuid.util';
import { DataController } from './data-controller.entity';
import { DataControllerException, DataControllerExceptionCode } from './data-controllers.exception';
import {
  CreateDataControllerDto,
  DataControllerListQueryDto,
  DataControllerResponseDto,
  mapDataController,
  UpdateDataControllerDto,
} from './dto/data-controller.dto';

export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** The additional data a webhook secret is sealed with: it opens only in its own row. */
const secretContext = (id: string) => `data_controller.webhook_secret:${id}`;

@Injectable()
export class DataControllersService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(DataController) private readonly controllers: Repository<DataController>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly authorities: AuthoritiesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly keys: ServiceKeys,
    private readonly regimes: RegimesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sealPlainWebhookSecrets();
  }

  /** A controller key sees its own controller only. */
  async list(actor: Actor, query: DataControllerListQueryDto): Promise<Page<DataControllerResponseDto>> {
    const where: FindOptionsWhere<DataController> =
      actor.role === 'controller' ? { id: actor.controllerId! } : {};
    const [rows, total] = await this.controllers.findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(mapDataController), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Every controller this actor may see, by name: for the pages that pick or name controllers (a breach may affect
   * all of them). The API's GET /controllers is the paged list.
   */
  async all(actor: Actor): Promise<DataControllerResponseDto[]> {
    const where: FindOptionsWhere<DataController> =
      actor.role === 'controller' ? { id: actor.controllerId! } : {};
    const rows = await this.controllers.find({ where, order: { name: 'ASC', id: 'ASC' } });
    return rows.map(mapDataController);
  }

  async get(actor: Actor, id: string): Promise<DataControllerResponseDto> {
    return mapDataController(await this.findVisible(actor, id));
  }

  async create(actor: Actor, dto: CreateDataControllerDto): Promise<DataControllerResponseDto> {
    const row = this.controllers.create({
      ...dto,
      organisationNumber: dto.organisationNumber ?? null,
      webhookUrl: dto.webhookUrl ?? null,
      timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
      language: dto.language as Language,
      regimes: [...new Set(dto.regimes ?? [])],
    });
    await this.assertReferences(row, { webhookUrlSet: true, calendarSet: true });
    return this.dataSource.transaction(async (em) => {
      const after = mapDataController(await em.save(row));
      await this.audit.record(em, {
        actor,
        action: 'controller.create',
        entityType: 'controller',
        entityId: after.id,
        after,
      });
      return after;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateDataControllerDto): Promise<DataControllerResponseDto> {
    return this.dataSource.transaction(async (em) => {
      const row = isUuid(id)
        ? await em.findOne(DataController, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row) throw notFound(id);
      const before = mapDataController(row);
      const changes = Object.fromEntries(
        Object.entries(dto).filter(([, v]) => v !== undefined),
      ) as DeepPartial<DataController>;
      const next = em.merge(DataController, row, changes);
      await this.assertReferences(next, {
        webhookUrlSet: dto.webhookUrl !== undefined,
        calendarSet: dto.country !== undefined || dto.agreementId !== undefined,
        em,
      });
      const after = mapDataController(await em.save(next));
      await this.audit.record(em, {
        actor,
        action: 'controller.update',
        entityType: 'controller',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A new HMAC key for signing webhook deliveries to this controller; returned this once, never again. */
  async rotateWebhookSecret(actor: Actor, id: string): Promise<{ controllerId: string; secret: string }> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    await this.dataSource.transaction(async (em) => {
      const row = isUuid(id)
        ? await em.findOne(DataController, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row) throw notFound(id);
      await em.update(
        DataController,
        { id },
        { webhookSecret: sealSecret(this.keys.secrets, secret, secretContext(id)) },
      );
      await this.audit.record(em, {
        actor,
        action: 'controller.rotate-webhook-secret',
        entityType: 'controller',
        entityId: id,
        after: { rotated: true },
      });
    });
    return { controllerId: id, secret };
  }

  /** The plain webhook secret of a controller, to sign a delivery with; null when none was made. */
  async webhookSecretOf(id: string): Promise<string | null> {
    const row = await this.controllers
      .createQueryBuilder('c')
      .addSelect('c.webhookSecret')
      .where('c.id = :id', { id })
      .getOne();
    if (!row?.webhookSecret) return null;
    return openSecret(this.keys.secrets, row.webhookSecret, secretContext(id));
  }

  /**
   * Secrets stored in plain text before they were encrypted at rest (the migration that brought the encryption has
   * no key) are sealed at start. Idempotent and safe with several instances starting at once: rows are locked and
   * re-checked.
   */
  async sealPlainWebhookSecrets(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const plain = await em
        .createQueryBuilder(DataController, 'c')
        .addSelect('c.webhookSecret')
        .where('c.webhookSecret IS NOT NULL')
        .andWhere('c.webhookSecret NOT LIKE :sealed', { sealed: `${SEALED_PREFIX}%` })
        .setLock('pessimistic_write')
        .getMany();
      for (const row of plain) {
        await em.update(
          DataController,
          { id: row.id },
          { webhookSecret: sealSecret(this.keys.secrets, row.webhookSecret!, secretContext(row.id)) },
        );
      }
      if (plain.length > 0) {
        await this.audit.record(
          em,
          ...plain.map((row) => ({
            actor: SYSTEM_ACTOR,
            action: 'controller.seal-webhook-secret',
            entityType: 'controller',
            entityId: row.id,
            after: { sealed: true },
          })),
        );
      }
      return plain.length;
    });
  }

  /**
   * The controller, if this actor may see it. Another controller's is "not found", exactly like a missing one:
   * a controller must not learn that another exists.
   */
  async findVisible(actor: Actor, id: string): Promise<DataController> {
    if (actor.role === 'controller' && actor.controllerId !== id) throw notFound(id);
    const row = isUuid(id) ? await this.controllers.findOneBy({ id }) : null;
    if (!row) throw notFound(id);
    return row;
  }

  /** Every reference the body makes must exist and fit, and the webhook be a permitted target: all at once (422). */
  private async assertReferences(
    row: DataController,
    { webhookUrlSet, calendarSet, em }: { webhookUrlSet: boolean; calendarSet: boolean; em?: EntityManager },
  ): Promise<void> {
    const problems: FieldError[] = [];
    const agreement = await this.agreements.findCurrent(row.agreementId, em);
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
    // Business days are counted in the controller's national holidays. Without its calendar they would silently be
    // weekdays only, a holiday counted as a working day. Checked when the country or the agreement is set, so that
    // an unrelated change to a controller set up before this check is not blocked.
    if (calendarSet && agreement?.breachTerms.businessDays != null && !knowsHolidaysOf(row.country)) {
      problems.push({
        field: 'country',
        messages: [
          `agreement ${agreement.id} counts business days in the controller's public holidays, and there is no ` +
            `holiday calendar for ${row.country}: its business days cannot be counted`,
        ],
      });
    }
    if (!(await this.authorities.exists(row.authorityId, em))) {
      problems.push({ field: 'authorityId', messages: [`unknown authority: ${row.authorityId}`] });
    }
    const regimes = await this.regimes.current(em ?? this.dataSource.manager);
    row.regimes.forEach((id, i) => {
      const regime = regimes.get(id);
      if (!regime || regime.definition.appliesTo !== 'controller' || id === 'gdpr')
        problems.push({
          field: `regimes.${i}`,
          messages: [
            regime
              ? `${id} is not a regime of a controller's own (gdpr always applies; a regime of ours is set by REGIMES)`
              : `unknown regime: ${id}`,
          ],
        });
    });
    if (!isKnownTimeZone(row.timeZone)) {
      problems.push({ field: 'timeZone', messages: [`unknown time zone: ${row.timeZone}`] });
    }
    // Checked when set (a URL set under other rules does not block an unrelated change), and again at each delivery,
    // on the addresses the host name resolves to then.
    const urlIssues =
      webhookUrlSet && row.webhookUrl ? urlProblems(row.webhookUrl, outboundPolicy(this.config)) : [];
    if (urlIssues.length > 0) problems.push({ field: 'webhookUrl', messages: urlIssues });
    if (problems.length > 0) {
      throw new DataControllerException(
        DataControllerExceptionCode.INVALID_REFERENCE,
        `Invalid fields: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
  }
}

function notFound(id: string): DataControllerException {
  return new DataControllerException(DataControllerExceptionCode.NOT_FOUND, `Unknown controller: ${id}`);
}
