import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { type Actor, type AuditActor, auditActor, SYSTEM_ACTOR } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { openSecret, sealSecret } from '../common/secret-box.util';
import { isUuid } from '../common/uuid.util';
import { AppConfig } from '../config/config';
import { ServiceKeys } from '../config/service-keys';
import { DataController } from '../data-controllers/data-controller.entity';
import { FirstRunDto, SignInDto, TotpEnrolmentDto, UpdateMeDto } from './dto/auth.dto';
import {
  CreateUserDto,
  mapUser,
  PasswordLinkDto,
  UpdateUserDto,
  UserDto,
  UserListQueryDto,
} from './dto/user.dto';
import { hashPassword, verifyPassword } from './password.util';
import { hashToken, newToken } from './session-cookie.util';
import { SessionsService } from './sessions.service';
import { newTotpSecret, totpStep, totpUri } from './totp.util';
import { UsersException, UsersExceptionCode } from './users.exception';
import { AppUser } from './user.entity';
import { TokenPurpose, UserToken } from './user-token.entity';

const LINK_HOURS = 24;
const HOUR_MS = 3_600_000;

/** The additional data a TOTP secret is sealed with: it opens only in its own row and column. */
const totpContext = (id: string, column: 'totp_secret' | 'totp_pending_secret') => `app_user.${column}:${id}`;

/** What a sign-in attempt comes to; the controller turns `session` into the cookie. */
export type SignInOutcome =
  | { step: 'totp' }
  | {
      step: 'done' | 'enrol-totp';
      user: UserDto;
      session: { id: string; token: string; csrfToken: string };
    };

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly keys: ServiceKeys,
  ) {}

  // ---- admin: accounts ----

  /** @param actor null for test set-up and the first run's own records. */
  async create(actor: Actor | null, dto: CreateUserDto, password?: string): Promise<UserDto> {
    checkBinding(dto.role, dto.controllerId ?? null);
    const passwordHash = password ? await hashPassword(password) : null;
    return this.dataSource.transaction(async (em) => {
      await this.checkController(em, dto.controllerId ?? null);
      const email = dto.email.trim().toLowerCase();
      if (await em.existsBy(AppUser, { email })) {
        throw new UsersException(UsersExceptionCode.EMAIL_TAKEN, `A user with ${email} exists`, [
          { field: 'email', messages: ['is taken by another user'] },
        ]);
      }
      const row = await em.save(
        em.create(AppUser, {
          email,
          name: dto.name.trim(),
          role: dto.role,
          controllerId: dto.controllerId ?? null,
          locale: dto.locale ?? 'en',
          timeZone: dto.timeZone ?? 'UTC',
          passwordHash,
          disabledAt: null,
          totpEnabled: false,
        }),
      );
      const after = mapUser(row, passwordHash !== null);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        after,
      });
      return after;
    });
  }

  /** One page of the people, oldest first (GET /users). */
  async list(query: UserListQueryDto): Promise<Page<UserDto>> {
    const [rows, total] = await this.ordered().take(query.limit).skip(query.offset).getManyAndCount();
    return {
      items: rows.map((r) => mapUser(r, r.passwordHash !== null)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Every person, oldest first: for the people page, which lists them all. */
  async all(): Promise<UserDto[]> {
    return (await this.ordered().getMany()).map((r) => mapUser(r, r.passwordHash !== null));
  }

  private ordered() {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC');
  }

  async get(id: string): Promise<UserDto> {
    const row = await this.findFull(this.dataSource.manager, id);
    return mapUser(row, row.passwordHash !== null);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.findFull(em, id, true);
      const before = mapUser(row, row.passwordHash !== null);
      const role = dto.role ?? row.role;
      const controllerId =
        dto.controllerId !== undefined ? dto.controllerId : role === 'controller' ? row.controllerId : null;
      checkBinding(role, controllerId);
      await this.checkController(em, controllerId);
      if (dto.disabled === true && row.id === actor.userId) {
        throw new UsersException(UsersExceptionCode.INVALID_USER_REQUEST, 'You cannot disable yourself', [
          { field: 'disabled', messages: ['an admin cannot disable their own account'] },
        ]);
      }
      row.role = role;
      row.controllerId = controllerId;
      if (dto.name !== undefined) row.name = dto.name.trim();
      if (dto.locale !== undefined) row.locale = dto.locale;
      if (dto.timeZone !== undefined) row.timeZone = dto.timeZone;
      if (dto.disabled !== undefined)
        row.disabledAt = dto.disabled ? (row.disabledAt ?? this.clock.now()) : null;
      await em.update(AppUser, row.id, {
        role: row.role,
        controllerId: row.controllerId,
        name: row.name,
        locale: row.locale,
        timeZone: row.timeZone,
        disabledAt: row.disabledAt,
      });
      // Disabled is out at once: the sessions end here, and the guard checks the user on every request besides.
      if (row.disabledAt) await this.sessions.endAllOf(em, row.id);
      const after = mapUser(row, row.passwordHash !== null);
      const action =
        before.disabled !== after.disabled
          ? after.disabled
            ? 'user.disable'
            : 'user.enable'
          : before.role !== after.role || before.controllerId !== after.controllerId
            ? 'user.role'
            : 'user.update';
      await this.audit.record(em, {
        actor: auditActor(actor),
        action,
        entityType: 'user',
        entityId: row.id,
        before,
        after,
      });
      return after;
    });
  }

  /** A one-time link to set the password (24 h); an earlier unused link of the user stops working. */
  async issuePasswordLink(actor: Actor, id: string): Promise<PasswordLinkDto> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.findFull(em, id, true);
      const { token, expiresAt } = await this.newLink(em, 'set-password', row.id);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'user.password-link',
        entityType: 'user',
        entityId: row.id,
        after: { expiresAt: expiresAt.toISOString() },
      });
      return { url: this.link('/ui/set-password', token), expiresAt: expiresAt.toISOString() };
    });
  }

  /** Sets the password with a link's token, which ends the token; ends the user's sessions (a reset locks others out). */
  async setPasswordWithToken(token: string, password: string): Promise<UserDto> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (em) => {
      const link = await this.useLink(em, 'set-password', token);
      const row = await this.findFull(em, link.userId!, true);
      await em.update(AppUser, row.id, { passwordHash });
      await this.sessions.endAllOf(em, row.id);
      await this.audit.record(em, {
        actor: personOf(row),
        action: 'user.password-set',
        entityType: 'user',
        entityId: row.id,
        after: { by: 'link' },
      });
      return mapUser(row, true);
    });
  }

  // ---- the first run ----

  /**
   * When no user exists: a new one-time link that creates the first admin (24 h), and every earlier one stops
   * working. Null once a user exists. Serialised between instances starting at once.
   */
  async firstRunLink(): Promise<{ url: string; expiresAt: Date } | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['first-run']);
      if (await em.exists(AppUser)) return null;
      await em.update(UserToken, { purpose: 'first-run', usedAt: IsNull() }, { usedAt: this.clock.now() });
      const { token, expiresAt } = await this.newLink(em, 'first-run', null);
      return { url: this.link('/ui/first-run', token), expiresAt };
    });
  }

  /** Whether a first-run token is good now (the page asks before showing its form). */
  async isFirstRunTokenGood(token: string): Promise<boolean> {
    return (await this.findLink(this.dataSource.manager, 'first-run', token)) !== null;
  }

  async isPasswordTokenGood(token: string): Promise<boolean> {
    return (await this.findLink(this.dataSource.manager, 'set-password', token)) !== null;
  }

  /** Creates the first admin with the first-run token, which ends it. */
  async completeFirstRun(dto: FirstRunDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['first-run']);
      await this.useLink(em, 'first-run', dto.token);
      if (await em.exists(AppUser)) {
        throw new UsersException(UsersExceptionCode.FIRST_RUN_DONE, 'The first admin exists already');
      }
      const row = await em.save(
        em.create(AppUser, {
          email: dto.email.trim().toLowerCase(),
          name: dto.name.trim(),
          role: 'admin',
          controllerId: null,
          locale: 'en',
          timeZone: 'UTC',
          passwordHash,
          disabledAt: null,
          totpEnabled: false,
        }),
      );
      const after = mapUser(row, true);
      await this.audit.record(em, {
        actor: personOf(row),
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        after: { ...after, by: 'first-run' },
      });
      return after;
    });
  }

  // ---- signing in ----

  /**
   * Checks e-mail, password and (when the user has one) the TOTP code. A wrong or unknown one is the same generic
   * failure, audited; the caller counts it against the address. A right password without a code that is needed
   * answers `totp`: send it again with the code.
   */
  async signIn(dto: SignInDto, address: string): Promise<SignInOutcome> {
    const email = dto.email.trim().toLowerCase();
    const row = await this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.totpSecret', 'u.totpLastStep'])
      .where('u.email = :email', { email })
      .getOne();
    const passwordOk = await verifyPassword(row?.passwordHash ?? null, dto.password);
    if (!row || !passwordOk || row.disabledAt) {
      await this.failed(row, address, !row ? 'unknown-email' : !passwordOk ? 'wrong-password' : 'disabled');
      throw signInFailed();
    }
    if (row.totpEnabled) {
      if (dto.totp === undefined || dto.totp === '') return { step: 'totp' };
      const accepted = await this.acceptTotp(row, dto.totp, 'totp_secret');
      if (!accepted) {
        await this.failed(row, address, 'wrong-totp');
        throw signInFailed();
      }
    }
    return this.dataSource.transaction(async (em) => {
      const session = await this.sessions.start(em, row.id);
      const step = this.mustEnrol(row) ? 'enrol-totp' : 'done';
      await this.audit.record(em, {
        actor: personOf(row),
        action: 'auth.sign-in',
        entityType: 'user',
        entityId: row.id,
        after: { address, session: session.sessionId, secondFactor: row.totpEnabled, step },
      });
      return {
        step,
        user: mapUser(row, true),
        session: { id: session.sessionId, token: session.token, csrfToken: session.csrfToken },
      };
    });
  }

  /** An admin without a second factor while REQUIRE_2FA_FOR_ADMINS is on: enrols before anything else. */
  mustEnrol(user: Pick<AppUser, 'role' | 'totpEnabled'>): boolean {
    return this.config.REQUIRE_2FA_FOR_ADMINS && user.role === 'admin' && !user.totpEnabled;
  }

  async signedOut(actor: Actor, sessionId: string | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'auth.sign-out',
        entityType: 'user',
        entityId: actor.userId!,
        after: { session: sessionId },
      });
    });
  }

  /** Audits a failure to sign in. The e-mail typed is not kept: it may be a password typed in the wrong field. */
  private async failed(row: AppUser | null, address: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.audit.record(em, {
        actor: SYSTEM_ACTOR,
        action: 'auth.sign-in-failed',
        entityType: 'user',
        entityId: row?.id ?? 'unknown',
        after: { address, reason },
      });
    });
  }

  // ---- the user's own account ----

  async me(actor: Actor): Promise<UserDto> {
    return this.get(personId(actor));
  }

  async updateMe(actor: Actor, dto: UpdateMeDto, sessionId: string | null): Promise<UserDto> {
    if ((dto.newPassword === undefined) !== (dto.currentPassword === undefined)) {
      const field = dto.newPassword === undefined ? 'newPassword' : 'currentPassword';
      throw new UsersException(
        UsersExceptionCode.INVALID_USER_REQUEST,
        'A new password needs the current one',
        [{ field, messages: ['currentPassword and newPassword go together'] }],
      );
    }
    const id = personId(actor);
    const newHash = dto.newPassword ? await hashPassword(dto.newPassword) : null;
    if (dto.currentPassword !== undefined) {
      const row = await this.findFull(this.dataSource.manager, id);
      if (!(await verifyPassword(row.passwordHash, dto.currentPassword)))
        throw wrongPassword('currentPassword');
    }
    return this.dataSource.transaction(async (em) => {
      const row = await this.findFull(em, id, true);
      const before = mapUser(row, row.passwordHash !== null);
      if (dto.locale !== undefined) row.locale = dto.locale;
      if (dto.timeZone !== undefined) row.timeZone = dto.timeZone;
      await em.update(AppUser, row.id, {
        locale: row.locale,
        timeZone: row.timeZone,
        ...(newHash ? { passwordHash: newHash } : {}),
      });
      const after = mapUser(row, row.passwordHash !== null || newHash !== null);
      const records = [];
      if (before.locale !== after.locale || before.timeZone !== after.timeZone)
        records.push({
          actor: auditActor(actor),
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before,
          after,
        });
      if (newHash) {
        // The other browsers signed in as this person are signed out: a changed password locks out whoever knew the old.
        await this.sessions.endAllOf(em, id, sessionId ?? undefined);
        records.push({
          actor: auditActor(actor),
          action: 'user.password-set',
          entityType: 'user',
          entityId: id,
          after: { by: 'self' },
        });
      }
      await this.audit.record(em, ...records);
      return after;
    });
  }

  /** Starts (or restarts) enrolment: a new secret, kept pending until a code from it is confirmed. */
  async startTotp(actor: Actor): Promise<TotpEnrolmentDto> {
    const row = await this.findFull(this.dataSource.manager, personId(actor));
    const secret = newTotpSecret();
    await this.users.update(row.id, {
      totpPendingSecret: sealSecret(this.keys.secrets, secret, totpContext(row.id, 'totp_pending_secret')),
    });
    return { secret, uri: totpUri(secret, row.email) };
  }

  async confirmTotp(actor: Actor, code: string): Promise<UserDto> {
    const id = personId(actor);
    return this.dataSource.transaction(async (em) => {
      const row = await this.findFull(em, id, true);
      if (!row.totpPendingSecret) {
        throw new UsersException(
          UsersExceptionCode.TOTP_NOT_STARTED,
          'Start the enrolment first (POST /auth/totp)',
        );
      }
      const secret = openSecret(
        this.keys.secrets,
        row.totpPendingSecret,
        totpContext(id, 'totp_pending_secret'),
      );
      const step = totpStep(secret, code, this.clock.now());
      if (step === null) throw totpInvalid();
      const before = mapUser(row, row.passwordHash !== null);
      row.totpEnabled = true;
      await em.update(AppUser, id, {
        totpSecret: sealSecret(this.keys.secrets, secret, totpContext(id, 'totp_secret')),
        totpPendingSecret: null,
        totpLastStep: String(step),
        totpEnabled: true,
      });
      const after = mapUser(row, row.passwordHash !== null);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'user.totp-enrol',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async removeTotp(actor: Actor, password: string): Promise<UserDto> {
    const id = personId(actor);
    const current = await this.findFull(this.dataSource.manager, id);
    if (!(await verifyPassword(current.passwordHash, password))) throw wrongPassword('password');
    if (this.config.REQUIRE_2FA_FOR_ADMINS && current.role === 'admin') {
      throw new UsersException(
        UsersExceptionCode.TOTP_REQUIRED,
        'Admins must keep a second factor (REQUIRE_2FA_FOR_ADMINS)',
      );
    }
    return this.dataSource.transaction(async (em) => {
      const row = await this.findFull(em, id, true);
      const before = mapUser(row, row.passwordHash !== null);
      row.totpEnabled = false;
      await em.update(AppUser, id, {
        totpSecret: null,
        totpPendingSecret: null,
        totpLastStep: null,
        totpEnabled: false,
      });
      const after = mapUser(row, row.passwordHash !== null);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'user.totp-remove',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  // ---- helpers ----

  /**
   * Whether a code is good now and newer than the last accepted one; if so it becomes the last (in one statement, so
   * two requests with the same code cannot both pass).
   */
  private async acceptTotp(row: AppUser, code: string, column: 'totp_secret'): Promise<boolean> {
    if (!row.totpSecret) return false;
    const step = totpStep(
      openSecret(this.keys.secrets, row.totpSecret, totpContext(row.id, column)),
      code,
      this.clock.now(),
    );
    if (step === null) return false;
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE app_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [row.id, step],
    );
    return count === 1;
  }

  private async findFull(em: EntityManager, id: string, lock = false): Promise<AppUser> {
    const qb = em
      .getRepository(AppUser)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.totpPendingSecret'])
      .where('u.id = :id', { id: isUuid(id) ? id : '00000000-0000-0000-0000-000000000000' });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw new UsersException(UsersExceptionCode.USER_NOT_FOUND, `Unknown user: ${id}`);
    return row;
  }

  private async checkController(em: EntityManager, controllerId: string | null): Promise<void> {
    if (controllerId && !(await em.existsBy(DataController, { id: controllerId }))) {
      throw new UsersException(
        UsersExceptionCode.INVALID_USER_REQUEST,
        `Unknown controller: ${controllerId}`,
        [{ field: 'controllerId', messages: [`unknown controller: ${controllerId}`] }],
      );
    }
  }

  private async newLink(
    em: EntityManager,
    purpose: TokenPurpose,
    userId: string | null,
  ): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    if (userId) await em.update(UserToken, { purpose, userId, usedAt: IsNull() }, { usedAt: now });
    const token = newToken();
    const expiresAt = new Date(now.getTime() + LINK_HOURS * HOUR_MS);
    await em.insert(UserToken, {
      purpose,
      userId,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    return { token, expiresAt };
  }

  private async findLink(
    em: EntityManager,
    purpose: TokenPurpose,
    token: string,
    lock = false,
  ): Promise<UserToken | null> {
    const qb = em
      .getRepository(UserToken)
      .createQueryBuilder('t')
      .where('t.tokenHash = :hash AND t.purpose = :purpose AND t.usedAt IS NULL AND t.expiresAt > :now', {
        hash: hashToken(token),
        purpose,
        now: this.clock.now(),
      });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The link of a token, now used; a token used, superseded, expired or unknown is refused naming `token`. */
  private async useLink(em: EntityManager, purpose: TokenPurpose, token: string): Promise<UserToken> {
    const link = await this.findLink(em, purpose, token, true);
    if (!link) {
      throw new UsersException(
        UsersExceptionCode.TOKEN_INVALID,
        'This link is not valid (used, replaced or expired)',
        [{ field: 'token', messages: ['is used, replaced by a newer link, or expired: ask for a new link'] }],
      );
    }
    await em.update(UserToken, link.id, { usedAt: this.clock.now() });
    return link;
  }

  private link(path: string, token: string): string {
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/+$/, '');
    return `${base}${path}?token=${token}`;
  }

  /** Logs the first-run link at warn level and prints it on stdout (unless the log is silenced). */
  announceFirstRun(link: { url: string; expiresAt: Date }): void {
    if (this.config.LOG_LEVEL === 'silent') return;
    const text = `No user exists yet. Open ${link.url} to create the first admin (the link works once, until ${link.expiresAt.toISOString()}).`;
    this.logger.warn(text);
    process.stdout.write(`\n  ${text}\n\n`);
  }
}

function checkBinding(role: string, controllerId: string | null): void {
  if ((role === 'controller') !== (controllerId !== null)) {
    throw new UsersException(
      UsersExceptionCode.INVALID_USER_REQUEST,
      'controllerId goes with the controller role',
      [
        {
          field: 'controllerId',
          messages: [
            role === 'controller'
              ? 'a controller user needs its controllerId'
              : 'only a controller user is bound to a controller',
          ],
        },
      ],
    );
  }
}

/** The person as the trail's actor, for what they do before a session exists (signing in, the first run, a link). */
function personOf(row: AppUser): AuditActor {
  return { keyId: null, userId: row.id, role: row.role };
}

/** The person behind a request; a key is no person, and has no account of its own. */
function personId(actor: Actor): string {
  if (!actor.userId) {
    throw new UsersException(
      UsersExceptionCode.NOT_A_PERSON,
      'This is for a person signed in, not an API key',
    );
  }
  return actor.userId;
}

function signInFailed(): UsersException {
  return new UsersException(UsersExceptionCode.SIGN_IN_FAILED, 'The e-mail, password or code is not right');
}

function wrongPassword(field: string): UsersException {
  return new UsersException(UsersExceptionCode.WRONG_PASSWORD, 'The password is not right', [
    { field, messages: ['is not your current password'] },
  ]);
}

function totpInvalid(): UsersException {
  return new UsersException(UsersExceptionCode.TOTP_INVALID, 'The code is not right', [
    { field: 'code', messages: ['is not the current code of your authenticator app'] },
  ]);
}
