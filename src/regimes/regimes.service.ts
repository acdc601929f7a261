import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuditActor } from '../access/roles';
import { auditActor, SYSTEM_ACTOR } from '../access/roles';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { canonicalJson } from '../common/canonical-json.util';
import type { Page } from '../common/paging';
import { mapRegime, RegimeListQueryDto, RegimeResponseDto } from './dto/regime.dto';
import type { RegimeDefinition } from './regime-definition';
import { regimeProblems } from './regime-validation.util';
import { RegimeVersion, RegimeVersionSource } from './regime-version.entity';
import { Regime } from './regime.entity';
import { RegimeException, RegimeExceptionCode } from './regimes.exception';

export const BUILTIN_REGIMES_DIR = join(__dirname, 'builtin');

/** Serialises the loading of built-in regimes between instances starting at once. */
const BUILTIN_LOCK = 0x42_44_72_67; // "BDrg"

/** A regime's current version, as the clock plans with it. */
export interface CurrentRegime {
  version: number;
  definition: RegimeDefinition;
}

/**
 * The one writer of `regime` and `regime_version`. A regime is a data file, versioned like an agreement: a version is
 * never changed, and every obligation copies the stage it was made under, so a new version changes nothing under way.
 */
@Injectable()
export class RegimesService {
  private readonly logger = new Logger(RegimesService.name);
  /** Regime versions read so far: immutable, so kept for the life of the process (see `current`). */
  private readonly definitions = new Map<string, RegimeDefinition>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: RegimeListQueryDto): Promise<Page<RegimeResponseDto>> {
    const [rows, total] = await this.dataSource
      .getRepository(Regime)
      .createQueryBuilder('r')
      .innerJoinAndMapOne(
        'r.current',
        RegimeVersion,
        'v',
        'v.regime_id = r.id AND v.version = r.current_version',
      )
      .orderBy('r.id')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return {
      items: rows.map((r) => mapRegime(r, (r as Regime & { current: RegimeVersion }).current)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(id: string): Promise<RegimeResponseDto> {
    const regime = await this.findOrThrow(id);
    return mapRegime(regime, await this.versionOrThrow(id, regime.currentVersion));
  }

  async getVersion(id: string, version: number): Promise<RegimeResponseDto> {
    return mapRegime(await this.findOrThrow(id), await this.versionOrThrow(id, version));
  }

  /**
   * Adds a regime (version 1) or its next version (current + 1). The same body as the current version again adds
   * nothing; any other version number is a conflict, so two people editing at once cannot overwrite each other.
   */
  async add(actor: Actor, body: unknown): Promise<RegimeResponseDto> {
    const definition = assertValid(body);
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`regime:${definition.id}`]);
      const { regime, version, before } = await this.write(em, definition, 'api');
      const after = mapRegime(regime, version);
      if (before !== 'unchanged') {
        await this.audit.record(em, regimeRecord(auditActor(actor), before, after));
      }
      return after;
    });
  }

  /**
   * Every regime at its current version, by id: what a new obligation is made under (every intake asks). A version
   * never changes once written, so each definition is read once and kept; only which version is current is asked each
   * time. The key carries the version's creation instant, so a number used again after the tables were emptied (the
   * tests do so) is not mistaken for the one before (as `AgreementsService.currentVersions`).
   */
  async current(em: EntityManager): Promise<Map<string, CurrentRegime>> {
    const current = await em.query<{ id: string; version: number; createdAt: string }[]>(
      `SELECT r.id, v.version, v.created_at::text AS "createdAt"
         FROM regime r JOIN regime_version v ON v.regime_id = r.id AND v.version = r.current_version`,
    );
    const key = (c: { id: string; version: number; createdAt: string }) =>
      `${c.id}\n${c.version}\n${c.createdAt}`;
    const missing = current.filter((c) => !this.definitions.has(key(c)));
    if (missing.length > 0) {
      const rows = await em.query<
        { id: string; version: number; createdAt: string; definition: RegimeDefinition }[]
      >(
        `SELECT regime_id AS id, version, created_at::text AS "createdAt", definition FROM regime_version
          WHERE (regime_id, version) IN (SELECT * FROM unnest($1::varchar[], $2::int[]))`,
        [missing.map((c) => c.id), missing.map((c) => c.version)],
      );
      for (const row of rows) this.definitions.set(key(row), row.definition);
    }
    return new Map(
      current.map((c) => [c.id, { version: c.version, definition: this.definitions.get(key(c))! }]),
    );
  }

  /** One version of a regime, as obligations made under it recorded it. Versions never change once made. */
  async definitionOf(em: EntityManager, id: string, version: number): Promise<RegimeDefinition> {
    return (await em.findOneByOrFail(RegimeVersion, { regimeId: id, version })).definition;
  }

  /**
   * Loads the regime files shipped with the product. Idempotent: a file at its current version adds nothing; a file
   * with a higher version adds it, unless the regime has since been given a version through the API (that one stands).
   */
  async loadBuiltins(dir = BUILTIN_REGIMES_DIR): Promise<void> {
    const definitions = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => {
        const plain: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const problems = regimeProblems(plain);
        if (problems.length > 0) {
          throw new Error(
            `Built-in regime ${file} is invalid: ${problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; ')}`,
          );
        }
        return plain as RegimeDefinition;
      });
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BUILTIN_LOCK]);
      const records: AuditRecord[] = [];
      for (const definition of definitions) {
        const regime = await em.findOneBy(Regime, { id: definition.id });
        if (regime && regime.currentVersion >= definition.version) continue;
        if (regime) {
          const current = await em.findOneByOrFail(RegimeVersion, {
            regimeId: regime.id,
            version: regime.currentVersion,
          });
          if (current.source === 'api') {
            this.logger.warn(
              `Built-in regime ${regime.id} changed, but its version ${current.version} stands`,
            );
            continue;
          }
        }
        const written = await this.write(em, definition, 'builtin');
        if (written.before !== 'unchanged')
          records.push(
            regimeRecord(SYSTEM_ACTOR, written.before, mapRegime(written.regime, written.version)),
          );
      }
      // One append at the end: the chain lock is taken after every row this load needs.
      await this.audit.record(em, ...records);
    });
  }

  private async write(
    em: EntityManager,
    definition: RegimeDefinition,
    source: RegimeVersionSource,
  ): Promise<{ regime: Regime; version: RegimeVersion; before: RegimeResponseDto | null | 'unchanged' }> {
    const regime = await em.findOne(Regime, {
      where: { id: definition.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!regime) {
      if (definition.version !== 1) throw versionConflict(definition, 0);
      const created = await em.save(
        em.create(Regime, { id: definition.id, currentVersion: 1, builtin: source === 'builtin' }),
      );
      const version = await em.save(
        em.create(RegimeVersion, { regimeId: definition.id, version: 1, definition, source }),
      );
      return { regime: created, version, before: null };
    }
    const current = await em.findOneByOrFail(RegimeVersion, {
      regimeId: regime.id,
      version: regime.currentVersion,
    });
    if (
      definition.version === current.version &&
      canonicalJson(current.definition) === canonicalJson(definition)
    ) {
      return { regime, version: current, before: 'unchanged' };
    }
    if (definition.version !== regime.currentVersion + 1)
      throw versionConflict(definition, regime.currentVersion);
    const before = mapRegime(regime, current);
    const version = await em.save(
      em.create(RegimeVersion, { regimeId: regime.id, version: definition.version, definition, source }),
    );
    regime.currentVersion = definition.version;
    await em.save(regime);
    return { regime, version, before };
  }

  private async findOrThrow(id: string): Promise<Regime> {
    const regime = await this.dataSource.manager.findOneBy(Regime, { id });
    if (!regime) throw new RegimeException(RegimeExceptionCode.NOT_FOUND, `Unknown regime: ${id}`);
    return regime;
  }

  private async versionOrThrow(id: string, version: number): Promise<RegimeVersion> {
    const row =
      version >= 1 && version <= 2_147_483_647
        ? await this.dataSource.manager.findOneBy(RegimeVersion, { regimeId: id, version })
        : null;
    if (!row)
      throw new RegimeException(RegimeExceptionCode.NOT_FOUND, `Regime ${id} has no version ${version}`);
    return row;
  }
}

function assertValid(body: unknown): RegimeDefinition {
  const problems = regimeProblems(body);
  if (problems.length > 0) {
    throw new RegimeException(
      RegimeExceptionCode.INVALID,
      `Invalid regime: ${problems.map((p) => p.field).join(', ')}`,
      problems,
    );
  }
  return body as RegimeDefinition;
}

function versionConflict(definition: RegimeDefinition, current: number): RegimeException {
  return new RegimeException(
    RegimeExceptionCode.VERSION_CONFLICT,
    `Regime ${definition.id} is at version ${current}: the next one is ${current + 1}`,
    [{ field: 'version', messages: [`must be ${current + 1} (the regime is at version ${current})`] }],
  );
}

function regimeRecord(
  actor: AuditActor,
  before: RegimeResponseDto | null,
  after: RegimeResponseDto,
): AuditRecord {
  return {
    actor,
    action: before ? 'regime.version' : 'regime.create',
    entityType: 'regime',
    entityId: after.id,
    before,
    after,
  };
}
