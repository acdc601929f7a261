import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { QueryResult } from 'pg';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { type Actor, type AuditActor, auditActor } from '../access/roles';
import { AuditService, type ChainHead } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ObligationDto } from '../obligations/dto/obligation.dto';
import { ObligationsService } from '../obligations/obligations.service';
import { canonicalJson } from '../common/canonical-json.util';
import { FieldError } from '../common/error-body';
import type { Page } from '../common/paging';
import { isUuid } from '../common/uuid.util';
import { DataController } from '../data-controllers/data-controller.entity';
import { ComposedStatement, pgClientOf, prepared, runPrepared } from '../database/composed-statement.util';
import { TimelineEntry } from '../timeline/timeline-entry.entity';
import { NewTimelineEntry, TimelineService } from '../timeline/timeline.service';
import {
  AddControllersDto,
  AddNoteDto,
  CreateIncidentDto,
  IncidentDto,
  type IncidentFilters,
  IncidentPageDto,
  IncidentQueryDto,
  mapIncident,
  OWN_SYSTEMS,
  UpdateIncidentDto,
} from './dto/incident.dto';
import { IdempotencyRecord } from './idempotency-record.entity';
import { factProblems } from './incident-facts.util';
import { IncidentController } from './incident-controller.entity';
import { Incident } from './incident.entity';
import { IncidentException, IncidentExceptionCode } from './incidents.exception';

const INSTANT_FIELDS = [
  'discoveredAt',
  'processorAwareAt',
  'occurredFrom',
  'occurredTo',
  'subprocessorNotifiedAt',
  'breachConfirmedAt',
] as const;
type FactField =
  | (typeof INSTANT_FIELDS)[number]
  | 'title'
  | 'description'
  | 'source'
  | 'detection'
  | 'breachTypes'
  | 'services';

@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Logs a breach and sets off every deadline it implies, for every affected controller, in one transaction.
   * With an Idempotency-Key, a retry gets the first response and never makes a second incident.
   *
   * Every intake takes the year's reference counter row and the audit chain's lock, held to commit: that is what
   * keeps references and the chain without gaps, and it makes intakes run one at a time. So all that can be read or
   * worked out is done before: the controllers, their agreement versions, the obligations each owes and the response.
   * The rows are written before the locks too, in one prepared statement (each table's part by its owner), the
   * incident under a provisional reference. Under the locks there are two round trips and the commit: one simple
   * query bumps the counter, takes the chain's lock and reads its head; one prepared statement sets the reference
   * (incident and its "created" entry) and appends the audit row and the idempotency record.
   */
  async create(actor: Actor, dto: CreateIncidentDto, idempotencyKey?: string): Promise<IncidentDto> {
    const now = this.clock.now();
    const awareness = processorAwareness(dto);
    const incident = Object.assign(new Incident(), {
      id: randomUUID(),
      title: dto.title,
      description: dto.description,
      discoveredAt: new Date(dto.discoveredAt),
      processorAwareAt: awareness.at,
      processorAwareAtDefaulted: awareness.defaulted,
      occurredFrom: dto.occurredFrom ? new Date(dto.occurredFrom) : null,
      occurredTo: dto.occurredTo ? new Date(dto.occurredTo) : null,
      source: dto.source ?? OWN_SYSTEMS,
      subprocessorNotifiedAt: dto.subprocessorNotifiedAt ? new Date(dto.subprocessorNotifiedAt) : null,
      breachConfirmedAt: null,
      detection: dto.detection ?? null,
      breachTypes: dto.breachTypes,
      services: dto.services ?? [],
      createdBy: actor.keyId,
    });
    assertFacts(factProblems(incident, now));
    const by = auditActor(actor);

    // Read outside the transaction: controllers are never deleted (foreign keys restrict it), and versions never
    // change; an agreement moving to a new version meanwhile is a change made after this breach was logged.
    const controllers = await this.resolveControllers(this.dataSource.manager, dto);
    const obligations = await this.obligations.plan(this.dataSource.manager, incident, controllers);
    const obligationDtos = this.obligations.newDtos(
      obligations,
      new Map(controllers.map((c) => [c.id, c.timeZone])),
    );
    const added = controllerAddedEntries(incident.id, controllers, by, now);
    const controllerIds = controllers.map((c) => c.id).sort();
    const requestHash = idempotencyKey ? createHash('sha256').update(canonicalJson(dto)).digest('hex') : null;

    return this.dataSource.transaction(async (em) => {
      const started = await this.begin(em, actor, idempotencyKey, requestHash);
      if ('replay' in started) return started.replay;
      // created_at and updated_at default to the transaction's now(), read here before any lock.
      incident.createdAt = started.now;
      incident.updatedAt = started.now;

      // Written before the locks: the incident under a provisional reference that no one else can see (it is not
      // committed), with every row that hangs on it. Only what needs the locks is left for after them.
      incident.reference = provisionalReference(incident.id);
      const createdData = (reference: string) => ({
        reference,
        processorAwareAt: incident.processorAwareAt.toISOString(),
        ...(awareness.defaulted ? { processorAwareAtDefaulted: awareness.defaulted } : {}),
      });
      const rows = new ComposedStatement();
      this.insertPart(rows, incident, controllers, now);
      const [createdId] = this.timeline.appendPart(rows, [
        {
          incidentId: incident.id,
          at: now,
          kind: 'created',
          actor: by,
          data: createdData(incident.reference),
        },
        ...added,
      ]);
      this.obligations.insertPart(rows, obligations);
      await runPrepared(em, rows.build());

      const { reference, chainHead } = await this.takeReferenceAndChain(em, now);
      incident.reference = reference;
      const response = mapIncident(incident, { controllerIds, obligations: obligationDtos });
      const statement = new ComposedStatement();
      statement.with(
        'incident_reference',
        `UPDATE incident SET reference = ${statement.param(reference, 'varchar')} WHERE id = ${statement.param(incident.id, 'uuid')}`,
      );
      this.timeline.completePart(statement, createdId, createdData(reference));
      this.audit.appendPart(
        statement,
        this.audit.chain(chainHead, now, [
          {
            actor: by,
            action: 'incident.create',
            entityType: 'incident',
            entityId: incident.id,
            after: factsOf(response),
          },
        ]),
      );
      if (idempotencyKey) {
        statement.with(
          'idempotency_response',
          `UPDATE idempotency_record SET response_status = 201, response_body = ${statement.param(JSON.stringify(response), 'jsonb')}
            WHERE actor_key_id = ${statement.param(actor.keyId, 'uuid')} AND key = ${statement.param(idempotencyKey, 'varchar')}`,
        );
      }
      await runPrepared(em, statement.build());
      return response;
    });
  }

  async list(actor: Actor, query: IncidentQueryDto): Promise<IncidentPageDto> {
    const page = await this.findPage(this.dataSource.manager, actor, query);
    const items = await this.withRelated(this.dataSource.manager, actor, page.items, false);
    return { ...page, items };
  }

  /** One page of the incidents this actor may see under these filters, newest discovery first: the rows only. */
  async findPage(
    em: EntityManager,
    actor: Actor,
    query: IncidentFilters & { limit: number; offset: number },
  ): Promise<Page<Incident>> {
    const qb = this.filtered(em, actor, query);
    if (!qb) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const [items, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * Every incident this actor may see under these filters, in the order of `list`, in batches of `size`: read by
   * keyset (the last row's discovery and reference), so each batch is one indexed range scan however deep it is, and
   * only one batch is held at a time. `from`/`limit` bound it like a page; without `limit` it runs to the end.
   */
  async *batches(
    em: EntityManager,
    actor: Actor,
    query: IncidentFilters & { limit?: number; offset?: number },
    size: number,
  ): AsyncGenerator<Incident[]> {
    let left = query.limit ?? Infinity;
    let after: { at: string; reference: string } | null = null;
    while (left > 0) {
      const qb = this.filtered(em, actor, query);
      if (!qb) return;
      // The cursor is the discovery as PostgreSQL's text, not a JS Date: a Date would drop microseconds.
      const want = Math.min(size, left);
      qb.addSelect('i.discovered_at::text', 'cursor_at').limit(want);
      if (after) {
        qb.andWhere('(i.discovered_at, i.reference) < (CAST(:afterAt AS timestamptz), :afterRef)', {
          afterAt: after.at,
          afterRef: after.reference,
        });
      } else if (query.offset) qb.offset(query.offset);
      const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
      if (entities.length === 0) return;
      yield entities;
      left -= entities.length;
      if (entities.length < want) return;
      after = { at: raw[raw.length - 1].cursor_at, reference: entities[entities.length - 1].reference };
    }
  }

  /**
   * The filtered, ordered query, or null when the answer is empty by rule: a controller key filtering by another
   * controller's id gets what a filter by an unknown id gets, nothing. Else it would list the incidents it shares
   * with that controller, and learn that the other controller exists.
   */
  private filtered(
    em: EntityManager,
    actor: Actor,
    query: IncidentFilters,
  ): SelectQueryBuilder<Incident> | null {
    if (actor.role === 'controller' && query.controllerId && query.controllerId !== actor.controllerId)
      return null;
    const now = this.clock.now();
    const qb = em.getRepository(Incident).createQueryBuilder('i');
    const scopeController = actor.role === 'controller' ? actor.controllerId : undefined;
    for (const [name, cid] of [
      ['own', scopeController],
      ['filter', query.controllerId],
    ] as const) {
      if (cid) {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM incident_controller ic_${name} WHERE ic_${name}.incident_id = i.id AND ic_${name}.controller_id = :${name}Cid)`,
          { [`${name}Cid`]: cid },
        );
      }
    }
    if (query.status) {
      const condition =
        query.status === 'overdue'
          ? `o.status = 'open' AND o.due_at < :now`
          : query.status === 'open'
            ? `o.status = 'open' AND o.due_at >= :now`
            : `o.status = :status`;
      qb.andWhere(
        new Brackets((w) =>
          w.where(
            `EXISTS (SELECT 1 FROM obligation o WHERE o.incident_id = i.id AND ${condition}${scopeController ? ' AND o.controller_id = :ownCid' : ''})`,
            { now, status: query.status },
          ),
        ),
      );
    }
    if (query.from) qb.andWhere('i.discovered_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('i.discovered_at < :to', { to: new Date(query.to) });
    // Served by ix_incident_discovered_reference, read backwards.
    return qb.orderBy('i.discovered_at', 'DESC').addOrderBy('i.reference', 'DESC');
  }

  async get(actor: Actor, id: string): Promise<IncidentDto> {
    return this.load(this.dataSource.manager, actor, id, true);
  }

  /** Corrects facts. Each field that changes is a timeline entry (who, when, before → after). */
  async update(actor: Actor, id: string, dto: UpdateIncidentDto): Promise<IncidentDto> {
    return this.dataSource.transaction(async (em) => {
      const incident = await this.findVisible(em, actor, id, true);
      const now = this.clock.now();
      const entries: NewTimelineEntry[] = [];
      const beforeDto = await this.load(em, actor, id, false);
      const { reasonsForDelay, ...facts } = dto;
      for (const [field, raw] of Object.entries(facts) as [FactField, unknown][]) {
        if (raw === undefined) continue;
        const value = (INSTANT_FIELDS as readonly string[]).includes(field)
          ? raw === null
            ? null
            : new Date(raw as string)
          : raw;
        const before = (incident as unknown as Record<string, unknown>)[field];
        if (canonicalJson(before) === canonicalJson(value)) continue;
        (incident as unknown as Record<string, unknown>)[field] = value;
        entries.push({
          incidentId: id,
          at: now,
          kind: 'change',
          actor: auditActor(actor),
          data: { field, before: toJsonValue(before), after: toJsonValue(value) },
        });
      }
      for (const required of [
        'title',
        'description',
        'discoveredAt',
        'processorAwareAt',
        'source',
        'breachTypes',
      ] as const) {
        if (incident[required] === null)
          assertFacts([{ field: required, messages: [`${required} cannot be cleared`] }]);
      }
      // An awareness we defaulted from the discovery (or the sub-processor's notice) follows their correction; one
      // that was given stays as given.
      if (facts.processorAwareAt === undefined && incident.processorAwareAtDefaulted) {
        const derived = processorAwareness({
          discoveredAt: incident.discoveredAt.toISOString(),
          subprocessorNotifiedAt: incident.subprocessorNotifiedAt?.toISOString(),
        }).at;
        if (derived.getTime() !== incident.processorAwareAt.getTime()) {
          entries.push({
            incidentId: id,
            at: now,
            kind: 'change',
            actor: auditActor(actor),
            data: {
              field: 'processorAwareAt',
              before: incident.processorAwareAt.toISOString(),
              after: derived.toISOString(),
              defaulted: true,
            },
          });
          incident.processorAwareAt = derived;
        }
      }
      assertFacts(factProblems(incident, now));
      if (entries.length === 0) return beforeDto;
      if (facts.processorAwareAt !== undefined) incident.processorAwareAtDefaulted = false;
      await em.save(incident);
      await this.timeline.append(em, ...entries);
      const moved = entries.map((e) => e.data.field);
      if (moved.includes('processorAwareAt') || moved.includes('breachConfirmedAt')) {
        await this.obligations.moveProcessorAwareness(
          em,
          incident,
          reasonsForDelay?.trim() || null,
          auditActor(actor),
          now,
          moved.includes('processorAwareAt')
            ? 'Our awareness of the breach (corrected)'
            : 'Our awareness of the breach; the breach confirmed at ' +
                (incident.breachConfirmedAt?.toISOString() ?? '(cleared)'),
        );
      }
      const after = await this.load(em, actor, id, false);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'incident.update',
        entityType: 'incident',
        entityId: id,
        before: factsOf(beforeDto),
        after: factsOf(after),
      });
      return this.load(em, actor, id, true);
    });
  }

  /** A controller found affected later: its clock still starts at our awareness, which may already be long past. */
  async addControllers(actor: Actor, id: string, dto: AddControllersDto): Promise<IncidentDto> {
    return this.dataSource.transaction(async (em) => {
      const incident = await this.findVisible(em, actor, id, true);
      const controllers = await this.resolveControllers(em, dto);
      const already = new Set(
        (await em.find(IncidentController, { where: { incidentId: id } })).map((ic) => ic.controllerId),
      );
      const added = controllers.filter((c) => !already.has(c.id));
      await this.affect(em, actor, incident, added, this.clock.now());
      if (added.length > 0) {
        await this.audit.record(em, {
          actor: auditActor(actor),
          action: 'incident.add-controllers',
          entityType: 'incident',
          entityId: id,
          after: { controllerIds: added.map((c) => c.id) },
        });
      }
      return this.load(em, actor, id, true);
    });
  }

  async addNote(actor: Actor, id: string, dto: AddNoteDto): Promise<IncidentDto> {
    return this.dataSource.transaction(async (em) => {
      await this.findVisible(em, actor, id, false);
      const entry: NewTimelineEntry = {
        incidentId: id,
        at: this.clock.now(),
        kind: 'note',
        actor: auditActor(actor),
        data: { text: dto.text },
      };
      await this.timeline.append(em, entry);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'incident.note',
        entityType: 'incident',
        entityId: id,
        after: { text: dto.text },
      });
      return this.load(em, actor, id, true);
    });
  }

  /**
   * The incident if this actor may see it; for a controller key, only an incident that concerns its controller.
   * @param lock true for a writer of the incident: FOR NO KEY UPDATE, which serialises the writers of one incident
   *   without blocking the rows that only refer to it (a timeline entry, a filing), whose foreign keys take KEY SHARE
   *   on it. 'share' for a transaction that writes none of the incident's own rows but must see them hold still while
   *   it works from them (a notice filed from its facts): FOR SHARE keeps the writers out, not the other readers.
   */
  async findVisible(em: EntityManager, actor: Actor, id: string, lock: boolean | 'share'): Promise<Incident> {
    const notFound = new IncidentException(IncidentExceptionCode.NOT_FOUND, `Unknown incident: ${id}`);
    if (!isUuid(id)) throw notFound;
    const mode = lock === 'share' ? ('pessimistic_read' as const) : ('for_no_key_update' as const);
    const incident = await em.findOne(Incident, {
      where: { id },
      ...(lock ? { lock: { mode } } : {}),
    });
    if (!incident) throw notFound;
    if (
      actor.role === 'controller' &&
      !(await em.existsBy(IncidentController, { incidentId: id, controllerId: actor.controllerId! }))
    ) {
      throw notFound;
    }
    return incident;
  }

  private async affect(
    em: EntityManager,
    actor: Actor,
    incident: Incident,
    controllers: DataController[],
    now: Date,
  ): Promise<void> {
    if (controllers.length === 0) return;
    await runPrepared(
      em,
      prepared(
        `INSERT INTO incident_controller (incident_id, controller_id, added_at)
         SELECT $1::uuid, c, $3::timestamptz FROM unnest($2::uuid[]) AS c`,
        [incident.id, controllers.map((c) => c.id), now],
      ),
    );
    await this.timeline.append(
      em,
      ...controllerAddedEntries(incident.id, controllers, auditActor(actor), now),
    );
    await this.obligations.affect(em, incident, controllers, auditActor(actor), now);
  }

  private async resolveControllers(
    em: EntityManager,
    dto: { controllerIds?: string[]; agreementIds?: string[]; allControllers?: boolean },
  ): Promise<DataController[]> {
    if (dto.allControllers === true) return em.find(DataController, { order: { id: 'ASC' } });
    const problems: FieldError[] = [];
    const ids = [...new Set(dto.controllerIds ?? [])];
    const byId = ids.length ? await em.find(DataController, { where: { id: In(ids) } }) : [];
    const missing = ids.filter((id) => !byId.some((c) => c.id === id));
    if (missing.length)
      problems.push({ field: 'controllerIds', messages: missing.map((id) => `unknown controller: ${id}`) });
    const agreementIds = [...new Set(dto.agreementIds ?? [])];
    if (agreementIds.length) {
      const known = await em.query<{ id: string }[]>('SELECT id FROM agreement WHERE id = ANY($1)', [
        agreementIds,
      ]);
      const unknown = agreementIds.filter((a) => !known.some((k) => k.id === a));
      if (unknown.length)
        problems.push({ field: 'agreementIds', messages: unknown.map((a) => `unknown agreement: ${a}`) });
    }
    if (problems.length) {
      throw new IncidentException(
        IncidentExceptionCode.UNKNOWN_REFERENCE,
        `Unknown ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
    const byAgreement = agreementIds.length
      ? await em.find(DataController, { where: { agreementId: In(agreementIds) } })
      : [];
    const all = new Map([...byId, ...byAgreement].map((c) => [c.id, c]));
    return [...all.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * The transaction's first statement, before any lock: the transaction's now() and, with an Idempotency-Key, the
   * claim of the key. A concurrent twin waits on the key's row until the first commits, then gets its response.
   */
  private async begin(
    em: EntityManager,
    actor: Actor,
    key: string | undefined,
    requestHash: string | null,
  ): Promise<{ now: Date } | { replay: IncidentDto }> {
    if (!key) {
      const [{ now }] = await runPrepared<{ now: Date }>(em, prepared('SELECT now() AS now', []));
      return { now };
    }
    const [{ now, claimed }] = await runPrepared<{ now: Date; claimed: boolean }>(
      em,
      prepared(
        `WITH claim AS (
           INSERT INTO idempotency_record (actor_key_id, key, scope, request_hash)
           VALUES ($1, $2, 'incident.create', $3) ON CONFLICT DO NOTHING RETURNING 1)
         SELECT now() AS now, EXISTS (SELECT 1 FROM claim) AS claimed`,
        [actor.keyId, key, requestHash],
      ),
    );
    if (claimed) return { now };
    const record = await em.findOneByOrFail(IdempotencyRecord, { actorKeyId: actor.keyId, key });
    if (record.requestHash !== requestHash || record.scope !== 'incident.create') {
      throw new IncidentException(
        IncidentExceptionCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was used for a different request',
        [
          {
            field: 'Idempotency-Key',
            messages: ['already used with another body; use a new key for a new incident'],
          },
        ],
      );
    }
    return { replay: record.responseBody as unknown as IncidentDto };
  }

  /**
   * BR-<year>-<nnnn>, and the head of the audit chain, in one round trip: the counter row is bumped and stays locked
   * to commit, so numbers never repeat or skip; then the chain's lock, then its head. The counter first, as every
   * version of this service has taken them, so that instances of two versions on one database cannot deadlock.
   * Three statements in one simple query (no parameters: the year is a number made here), each on a fresh snapshot.
   */
  private async takeReferenceAndChain(
    em: EntityManager,
    now: Date,
  ): Promise<{ reference: string; chainHead: ChainHead | undefined }> {
    const client = pgClientOf(em);
    if (!client) throw new Error('The intake runs inside its transaction');
    const year = now.getUTCFullYear();
    const results = (await client.query(
      `INSERT INTO reference_counter (year, last) VALUES (${Number(year)}, 1)
         ON CONFLICT (year) DO UPDATE SET last = reference_counter.last + 1 RETURNING last;
       ${this.audit.chainLockStatement};
       ${this.audit.chainHeadStatement}`,
    )) as unknown as QueryResult[];
    const [{ last }] = results[0].rows as { last: number }[];
    return {
      reference: `BR-${year}-${String(last).padStart(4, '0')}`,
      chainHead: results[2].rows[0] as ChainHead | undefined,
    };
  }

  /** The incident's own rows: the incident and its links to the controllers affected. */
  private insertPart(
    statement: ComposedStatement,
    incident: Incident,
    controllers: DataController[],
    now: Date,
  ): void {
    const p = (value: unknown, cast: string) => statement.param(value, cast);
    statement.with(
      'incident_row',
      `INSERT INTO incident (id, reference, title, description, discovered_at, processor_aware_at,
                             processor_aware_at_defaulted, occurred_from, occurred_to, source, subprocessor_notified_at,
                             detection, breach_types, services, created_by)
       VALUES (${p(incident.id, 'uuid')}, ${p(incident.reference, 'varchar')}, ${p(incident.title, 'varchar')},
               ${p(incident.description, 'text')}, ${p(incident.discoveredAt, 'timestamptz')},
               ${p(incident.processorAwareAt, 'timestamptz')}, ${p(incident.processorAwareAtDefaulted, 'boolean')},
               ${p(incident.occurredFrom, 'timestamptz')}, ${p(incident.occurredTo, 'timestamptz')},
               ${p(incident.source, 'varchar')}, ${p(incident.subprocessorNotifiedAt, 'timestamptz')},
               ${p(incident.detection, 'text')}, ${p(incident.breachTypes, 'varchar[]')},
               ${p(incident.services, 'varchar[]')}, ${p(incident.createdBy, 'uuid')})`,
    );
    if (controllers.length === 0) return;
    statement.with(
      'incident_controller_rows',
      `INSERT INTO incident_controller (incident_id, controller_id, added_at)
       SELECT ${p(incident.id, 'uuid')}, c, ${p(now, 'timestamptz')} FROM unnest(${p(
         controllers.map((c) => c.id),
         'uuid[]',
       )}) AS c`,
    );
  }

  private async load(
    em: EntityManager,
    actor: Actor,
    id: string,
    withTimeline: boolean,
  ): Promise<IncidentDto> {
    const incident = await this.findVisible(em, actor, id, false);
    return (await this.withRelated(em, actor, [incident], withTimeline))[0];
  }

  /** Adds controllers, obligations and (optionally) the timeline; a controller key sees only what concerns it. */
  private async withRelated(
    em: EntityManager,
    actor: Actor,
    incidents: Incident[],
    withTimeline: boolean,
  ): Promise<IncidentDto[]> {
    if (incidents.length === 0) return [];
    const ids = incidents.map((i) => i.id);
    const own = actor.role === 'controller' ? actor.controllerId! : undefined;
    const links = await em.find(IncidentController, {
      where: { incidentId: In(ids), ...(own ? { controllerId: own } : {}) },
    });
    const obligations = await this.obligations.forIncidents(em, ids, own);
    const obligationDtos = await this.obligations.toDtos(em, obligations, actor);
    const timeline = withTimeline
      ? await em.find(TimelineEntry, { where: { incidentId: In(ids) }, order: { seq: 'ASC' } })
      : [];
    return incidents.map((i) =>
      mapIncident(i, {
        controllerIds: links
          .filter((l) => l.incidentId === i.id)
          .map((l) => l.controllerId)
          .sort(),
        obligations: obligationDtos.filter((o) => o.incidentId === i.id),
        timeline: withTimeline
          ? timeline.filter((t) => t.incidentId === i.id && visibleEntry(t, own))
          : undefined,
      }),
    );
  }
}

/** A controller sees the incident's facts and what concerns it; not notes, not other controllers. */
/**
 * A stand-in for the reference until it is drawn, unique as the incident's id (varchar(20): '~' and 19 of its hex
 * digits, 76 random bits) and never committed: it is replaced in the same transaction. '~' is never in a real one.
 */
function provisionalReference(incidentId: string): string {
  return `~${incidentId.replace(/-/g, '').slice(0, 19)}`;
}

/** "Controller added" entries, one per controller, in the order given. */
function controllerAddedEntries(
  incidentId: string,
  controllers: DataController[],
  actor: AuditActor,
  at: Date,
): NewTimelineEntry[] {
  return controllers.map((controller) => ({
    incidentId,
    at,
    kind: 'controller-added' as const,
    actor,
    controllerId: controller.id,
    data: { controllerId: controller.id, agreementId: controller.agreementId },
  }));
}

function visibleEntry(t: TimelineEntry, ownController: string | undefined): boolean {
  if (!ownController) return true;
  if (t.controllerId !== null) return t.controllerId === ownController;
  return t.kind === 'created' || t.kind === 'change';
}

/**
 * Our awareness, when the request leaves it out: the breach's discovery, or the sub-processor's notice if that came
 * first (its notice makes us aware at the latest then). Never "now": a late entry must not shorten a deadline.
 */
function processorAwareness(
  dto: Pick<CreateIncidentDto, 'processorAwareAt' | 'discoveredAt' | 'subprocessorNotifiedAt'>,
): { at: Date; defaulted: boolean } {
  if (dto.processorAwareAt) return { at: new Date(dto.processorAwareAt), defaulted: false };
  const candidates = [dto.discoveredAt, dto.subprocessorNotifiedAt].filter((d): d is string => !!d);
  return { at: new Date(Math.min(...candidates.map((d) => new Date(d).getTime()))), defaulted: true };
}

function assertFacts(problems: FieldError[]): void {
  if (problems.length > 0) {
    throw new IncidentException(
      IncidentExceptionCode.INVALID_FACTS,
      `Invalid facts: ${problems.map((p) => p.field).join(', ')}`,
      problems,
    );
  }
}

function toJsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** The incident's facts without what moves with the clock. */
function factsOf(dto: IncidentDto): Record<string, unknown> {
  const { obligations, timeline: _t, ...facts } = dto;
  return {
    ...facts,
    obligations: obligations.map((o: ObligationDto) => ({
      id: o.id,
      hop: o.hop,
      controllerId: o.controllerId,
      dueAt: o.dueAt,
      conservativeDueAt: o.conservativeDueAt,
    })),
  };
}
