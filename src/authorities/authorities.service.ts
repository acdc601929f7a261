import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/roles';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { canonicalJson } from '../common/canonical-json.util';
import builtinAuthorities from './builtin-authorities.json';
import { AuthorityException, AuthorityExceptionCode } from './authorities.exception';
import { Authority } from './authority.entity';
import { AuthorityResponseDto, mapAuthority } from './dto/authority-response.dto';

@Injectable()
export class AuthoritiesService {
  constructor(
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<AuthorityResponseDto[]> {
    return this.authorities.find({ order: { id: 'ASC' } }).then((rows) => rows.map(mapAuthority));
  }

  async get(id: string): Promise<AuthorityResponseDto> {
    const row = await this.authorities.findOneBy({ id });
    if (!row) throw new AuthorityException(AuthorityExceptionCode.NOT_FOUND, `Unknown authority: ${id}`);
    return mapAuthority(row);
  }

  /** Pass `em` inside a transaction. */
  exists(id: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return em.existsBy(Authority, { id });
  }

  /** The built-in list is product data: a new or corrected entry reaches every install at its next start. */
  async loadBuiltins(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['builtin-authorities']);
      const records: AuditRecord[] = [];
      for (const entry of builtinAuthorities as Omit<Authority, 'builtin'>[]) {
        const existing = await em.findOneBy(Authority, { id: entry.id });
        const before = existing ? mapAuthority(existing) : null;
        const next = em.create(Authority, { ...entry, builtin: true });
        if (before && canonicalJson(before) === canonicalJson(mapAuthority(next))) continue;
        await em.save(next);
        const action = before ? 'authority.update' : 'authority.create';
        records.push({
          actor: SYSTEM_ACTOR,
          action,
          entityType: 'authority',
          entityId: entry.id,
          before,
          after: mapAuthority(next),
        });
      }
      await this.audit.record(em, ...records);
    });
  }
}
