import { Clock } from '../clock/clock';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Actor, AuditActor } from '../access/roles';
import { SYSTEM_ACTOR } from '../access/roles';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { canonicalJson } from '../common/canonical-json.util';
import type { Page } from '../common/paging';
import { LINT_CALENDARS, lintAgreement } from './agreement-lint.util';
import { AgreementVersion, VersionSource } from './agreement-version.entity';
import { Agreement } from './agreement.entity';
import { AgreementException, AgreementExceptionCode } from './agreements.exception';
import { termsProblems } from './breach-terms.util';
import { AgreementProfileDto, UpdateAgreementDto } from './dto/agreement-profile.dto';
import {
  AgreementLintDto,
  AgreementListQueryDto,
  AgreementResponseDto,
  mapAgreement,
} from './dto/agreement-response.dto';
import { validateProfile } from './profile-validation.util';

export const BUILTIN_PROFILES_DIR = join(__dirname, 'profiles');

/** Serialises the loading of built-in profiles between instances starting at once. */
const BUILTIN_LOCK = 0x42_44_61_67; // "BDag"

@Injectable()
export class AgreementsService {
  private readonly logger = new Logger(AgreementsService.name);
  /** Agreement versions read so far: immutable, so kept for the life of the process (see currentVersions). */
  private readonly versionCache = new Map<string, AgreementVersion>();

  constructor(
    @InjectRepository(Agreement) private readonly agreements: Repository<Agreement>,
    @InjectRepository(AgreementVersion) private readonly versions: Repository<AgreementVersion>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: AgreementListQueryDto): Promise<Page<AgreementResponseDto>> {
    const [rows, total] = await this.agreements
      .createQueryBuilder('a')
      .innerJoinAndMapOne(
        'a.current',
        AgreementVersion,
        'v',
        'v.agreement_id = a.id AND v.version = a.current_version',
      )
      .orderBy('a.id')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return {
      items: rows.map((a) => mapAgreement(a, (a as Agreement & { current: AgreementVersion }).current)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(id: string): Promise<AgreementResponseDto> {
    const agreement = await this.findOrThrow(id);
    return mapAgreement(agreement, await this.versionOrThrow(id, agreement.currentVersion));
  }

  /** The current terms of an agreement, or null where there is no such agreement. Pass `em` inside a transaction. */
  async findCurrent(
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<AgreementResponseDto | null> {
    const agreement = await em.findOneBy(Agreement, { id });
    if (!agreement) return null;
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: id,
      version: agreement.currentVersion,
    });
    return mapAgreement(agreement, version);
  }

  /**
   * The exact version an incident's obligations recorded: everything about an incident reads its terms from here,
   * so editing the agreement later changes nothing already under way. Versions never change once made.
   */
  async versionOf(em: EntityManager, id: string, version: number): Promise<AgreementVersion> {
    return em.findOneByOrFail(AgreementVersion, { agreementId: id, version });
  }

  /** The current version of each of these agreements, by id. */
  /**
   * The current version of each agreement. A version is never changed once written, so each is read in full once and
   * then kept in memory; only which version is current is asked each time (a small indexed join). The key carries the
   * version's creation instant too, so that a version number used again after the tables were emptied (the tests do
   * so) is not mistaken for the one before.
   */
  async currentVersions(em: EntityManager, ids: readonly string[]): Promise<Map<string, AgreementVersion>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const current = await em.query<{ agreementId: string; version: number; createdAt: string }[]>(
      `SELECT v.agreement_id AS "agreementId", v.version, v.created_at::text AS "createdAt"
         FROM agreement a JOIN agreement_version v ON v.agreement_id = a.id AND v.version = a.current_version
        WHERE a.id = ANY($1)`,
      [unique],
    );
    const cacheKey = (c: { agreementId: string; version: number; createdAt: string }) =>
      `${c.agreementId}\n${c.version}\n${c.createdAt}`;
    const missing = current.filter((c) => !this.versionCache.has(cacheKey(c)));
    if (missing.length > 0) {
      const rows = await em.query<(Omit<AgreementVersion, 'agreement'> & { createdText: string })[]>(
        `SELECT agreement_id AS "agreementId", version, profile, source, created_at AS "createdAt",
                created_at::text AS "createdText"
           FROM agreement_version WHERE (agreement_id, version) IN (SELECT * FROM unnest($1::varchar[], $2::int[]))`,
        [missing.map((c) => c.agreementId), missing.map((c) => c.version)],
      );
      for (const { createdText, ...version } of rows) {
        this.versionCache.set(
          cacheKey({ agreementId: version.agreementId, version: version.version, createdAt: createdText }),
          Object.assign(new AgreementVersion(), version),
        );
      }
    }
    const found = current
      .map((c) => this.versionCache.get(cacheKey(c)))
      .filter((v): v is AgreementVersion => v !== undefined);
    return new Map(found.map((v) => [v.agreementId, v]));
  }

  async getVersion(id: string, version: number): Promise<AgreementResponseDto> {
    const agreement = await this.findOrThrow(id);
    return mapAgreement(agreement, await this.versionOrThrow(id, version));
  }

  async create(actor: Actor, dto: AgreementProfileDto): Promise<AgreementResponseDto> {
    this.assertConsistent(dto);
    return this.dataSource.transaction(async (em) => {
      // The lock makes a concurrent create of the same id wait, then find it, instead of failing on the key.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agreement:${dto.id}`]);
      if (await em.existsBy(Agreement, { id: dto.id })) {
        throw new AgreementException(
          AgreementExceptionCode.ALREADY_EXISTS,
          `Agreement ${dto.id} already exists`,
        );
      }
      const { agreement, version } = await this.insertNew(em, dto, 'api', null);
      const after = mapAgreement(agreement, version);
      await this.audit.record(em, agreementRecord(actor, 'agreement.create', null, after));
      return after;
    });
  }

  /** A new version of the terms; earlier versions stay readable. An unchanged body adds no version. */
  async update(actor: Actor, id: string, dto: UpdateAgreementDto): Promise<AgreementResponseDto> {
    if (dto.id !== undefined && dto.id !== id) {
      throw new AgreementException(
        AgreementExceptionCode.INCONSISTENT_TERMS,
        'The body names another agreement',
        [{ field: 'id', messages: [`id must be ${id}, the agreement in the path, or left out`] }],
      );
    }
    const profile: AgreementProfileDto = { ...dto, id };
    this.assertConsistent(profile);
    return this.dataSource.transaction(async (em) => {
      const agreement = await em.findOne(Agreement, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!agreement) throw notFound(id);
      const current = await em.findOneByOrFail(AgreementVersion, {
        agreementId: id,
        version: agreement.currentVersion,
      });
      const before = mapAgreement(agreement, current);
      if (canonicalJson(current.profile) === canonicalJson(profile)) return before;
      const version = await this.appendVersion(em, agreement, profile, 'api');
      const after = mapAgreement(agreement, version);
      await this.audit.record(em, agreementRecord(actor, 'agreement.update', before, after));
      return after;
    });
  }

  async lint(id: string): Promise<AgreementLintDto> {
    const agreement = await this.findOrThrow(id);
    const version = await this.versionOrThrow(id, agreement.currentVersion);
    return {
      agreementId: id,
      version: version.version,
      warnings: lintAgreement(version.profile, this.config.defaultTargets, {
        calendars: LINT_CALENDARS,
        from: this.clock.now(),
      }),
    };
  }

  /**
   * Loads the profile files shipped with the product. Idempotent: a file seen before adds nothing; a changed file
   * adds one version, unless the agreement has since been edited through the API (that edit stands).
   */
  async loadBuiltins(dir = BUILTIN_PROFILES_DIR): Promise<void> {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const profiles = files.map((file) => {
      const { profile, problems } = validateProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (problems.length > 0) {
        throw new Error(
          `Built-in agreement ${file} is invalid: ${problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; ')}`,
        );
      }
      return profile;
    });
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BUILTIN_LOCK]);
      const records: AuditRecord[] = [];
      for (const profile of profiles) {
        const hash = createHash('sha256').update(canonicalJson(profile)).digest('hex');
        const agreement = await em.findOne(Agreement, {
          where: { id: profile.id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!agreement) {
          const created = await this.insertNew(em, profile, 'builtin', hash);
          records.push(
            agreementRecord(
              SYSTEM_ACTOR,
              'agreement.create',
              null,
              mapAgreement(created.agreement, created.version),
            ),
          );
          continue;
        }
        if (agreement.builtinHash === hash) continue;
        const current = await em.findOneByOrFail(AgreementVersion, {
          agreementId: profile.id,
          version: agreement.currentVersion,
        });
        if (current.source === 'api') {
          this.logger.warn(
            `Built-in agreement ${profile.id} changed, but its edited version ${current.version} stands`,
          );
        } else if (canonicalJson(current.profile) !== canonicalJson(profile)) {
          const before = mapAgreement(agreement, current);
          const version = await this.appendVersion(em, agreement, profile, 'builtin');
          records.push(
            agreementRecord(SYSTEM_ACTOR, 'agreement.update', before, mapAgreement(agreement, version)),
          );
        }
        await em.update(Agreement, { id: profile.id }, { builtin: true, builtinHash: hash });
      }
      // One append at the end: the chain lock is taken after every row lock this load needs.
      await this.audit.record(em, ...records);
    });
  }

  private assertConsistent(profile: AgreementProfileDto): void {
    const problems = termsProblems(profile.breachTerms);
    if (problems.length > 0) {
      throw new AgreementException(
        AgreementExceptionCode.INCONSISTENT_TERMS,
        `Inconsistent breach terms: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
  }

  private async insertNew(
    em: EntityManager,
    profile: AgreementProfileDto,
    source: VersionSource,
    hash: string | null,
  ) {
    const agreement = await em.save(
      em.create(Agreement, {
        id: profile.id,
        currentVersion: 1,
        builtin: source === 'builtin',
        builtinHash: hash,
      }),
    );
    const version = await em.save(
      em.create(AgreementVersion, { agreementId: profile.id, version: 1, profile, source }),
    );
    return { agreement, version };
  }

  private async appendVersion(
    em: EntityManager,
    agreement: Agreement,
    profile: AgreementProfileDto,
    source: VersionSource,
  ): Promise<AgreementVersion> {
    const next = agreement.currentVersion + 1;
    const version = await em.save(
      em.create(AgreementVersion, { agreementId: agreement.id, version: next, profile, source }),
    );
    agreement.currentVersion = next;
    await em.save(agreement);
    return version;
  }

  private async findOrThrow(id: string): Promise<Agreement> {
    const agreement = await this.agreements.findOneBy({ id });
    if (!agreement) throw notFound(id);
    return agreement;
  }

  private async versionOrThrow(id: string, version: number): Promise<AgreementVersion> {
    // A number past the column's integer range names no version; PostgreSQL would refuse to compare it.
    const row =
      version >= 1 && version <= 2_147_483_647
        ? await this.versions.findOneBy({ agreementId: id, version })
        : null;
    if (!row) {
      throw new AgreementException(
        AgreementExceptionCode.VERSION_NOT_FOUND,
        `Agreement ${id} has no version ${version}`,
      );
    }
    return row;
  }
}

function agreementRecord(
  actor: AuditActor,
  action: string,
  before: AgreementResponseDto | null,
  after: AgreementResponseDto,
): AuditRecord {
  return { actor, action, entityType: 'agreement', entityId: after.id, before, after };
}

function notFound(id: string): AgreementException {
  return new AgreementException(AgreementExceptionCode.NOT_FOUND, `Unknown agreement: ${id}`);
}
