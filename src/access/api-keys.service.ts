import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { isUuid } from '../common/uuid.util';
import { DataController } from '../data-controllers/data-controller.entity';
import { AccessException, AccessExceptionCode } from './access.exception';
import { ApiKey } from './api-key.entity';
import { generateKey, hashKey, keyPrefix } from './api-key.util';
import {
  ApiKeyDto,
  ApiKeyListQueryDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  mapApiKey,
} from './dto/api-key.dto';
import { Actor, auditActor, SYSTEM_ACTOR } from './roles';

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The actor a key stands for, or null for an unknown or revoked key. Read on every request: revocation is immediate. */
  async authenticate(key: string): Promise<Actor | null> {
    const row = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    return row ? { keyId: row.id, role: row.role, controllerId: row.controllerId, label: row.label } : null;
  }

  /** @param actor null when made on the command line (`npm run key:create`). */
  async create(actor: Actor | null, dto: CreateApiKeyDto, key = generateKey()): Promise<CreatedApiKeyDto> {
    if ((dto.role === 'controller') !== (dto.controllerId !== undefined)) {
      throw new AccessException(
        AccessExceptionCode.INVALID_KEY_REQUEST,
        'controllerId goes with the controller role',
        [
          {
            field: 'controllerId',
            messages: [
              dto.role === 'controller'
                ? 'a controller key needs its controllerId'
                : 'only a controller key is bound to a controller',
            ],
          },
        ],
      );
    }
    return this.dataSource.transaction(async (em) => {
      if (dto.controllerId && !(await em.existsBy(DataController, { id: dto.controllerId }))) {
        throw new AccessException(
          AccessExceptionCode.INVALID_KEY_REQUEST,
          `Unknown controller: ${dto.controllerId}`,
          [{ field: 'controllerId', messages: [`unknown controller: ${dto.controllerId}`] }],
        );
      }
      const row = await em.save(
        em.create(ApiKey, {
          role: dto.role,
          controllerId: dto.controllerId ?? null,
          label: dto.label ?? null,
          prefix: keyPrefix(key),
          keyHash: hashKey(key),
          createdBy: actor?.keyId ?? null,
          revokedAt: null,
        }),
      );
      const after = mapApiKey(row);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'key.create',
        entityType: 'key',
        entityId: row.id,
        after,
      });
      return { ...after, key };
    });
  }

  async list(query: ApiKeyListQueryDto): Promise<Page<ApiKeyDto>> {
    const [rows, total] = await this.keys.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(mapApiKey), total, limit: query.limit, offset: query.offset };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = isUuid(id)
        ? await em.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row) throw new AccessException(AccessExceptionCode.KEY_NOT_FOUND, `Unknown key: ${id}`);
      if (row.revokedAt) return;
      const before = mapApiKey(row);
      row.revokedAt = this.clock.now();
      await em.save(row);
      await this.audit.record(em, {
        actor,
        action: 'key.revoke',
        entityType: 'key',
        entityId: id,
        before,
        after: mapApiKey(row),
      });
    });
  }

  /** Makes BOOTSTRAP_ADMIN_KEY a working admin key, once; a key revoked through the API stays revoked. */
  async ensureBootstrapKey(key: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin-key']);
      if (await em.existsBy(ApiKey, { keyHash: hashKey(key) })) return;
      const row = await em.save(
        em.create(ApiKey, {
          role: 'admin',
          controllerId: null,
          label: 'bootstrap (BOOTSTRAP_ADMIN_KEY)',
          prefix: keyPrefix(key),
          keyHash: hashKey(key),
          createdBy: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(em, {
        actor: SYSTEM_ACTOR,
        action: 'key.create',
        entityType: 'key',
        entityId: row.id,
        after: mapApiKey(row),
      });
      this.logger.log(`Admin key from BOOTSTRAP_ADMIN_KEY installed (${row.prefix}…)`);
    });
  }
}
