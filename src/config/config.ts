import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidationError,
  validateSync,
} from 'class-validator';
import { availableParallelism } from 'node:os';
import { outboundPolicy, urlProblems } from '../outbound/address-policy.util';

/** Variables with no default (so not own properties of a fresh AppConfig). */
const OPTIONAL_VARIABLES = [
  'DATABASE_URL',
  'BOOTSTRAP_ADMIN_KEY',
  'ALERT_WEBHOOK_URL',
  'ALERT_EMAILS',
  'SMTP_URL',
  'ORG_NAME',
  'ORG_DPO_NAME',
  'ORG_DPO_EMAIL',
  'ORG_DPO_PHONE',
  'ORG_BREACH_EMAIL',
  'ORG_BREACH_PHONE',
  'AUDIT_KEY',
  'SECRETS_KEY',
  'AUDIT_CHECKPOINT_FILE',
  'AUDIT_CHECKPOINT_URL',
  'METRICS_PORT',
  'LOG_FORMAT',
  'PUBLIC_URL',
  'ORG_COUNTRY',
];
/** Never echoed in an error message. */
const SECRET_VARIABLES = ['BOOTSTRAP_ADMIN_KEY', 'SMTP_URL', 'AUDIT_KEY', 'SECRETS_KEY'];

/** A key given as text must hold at least this many bytes (UTF-8): 256 bits if it is random. */
export const MIN_KEY_BYTES = 32;

function MinBytes(bytes: number): PropertyDecorator {
  return ValidateBy({
    name: 'minBytes',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') >= bytes,
      defaultMessage: (args) => `${args?.property} must be at least ${bytes} bytes`,
    },
  });
}

const PHONE = /^\+?[0-9][0-9 ()-]{2,29}$/;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the service reads, with its default. Validated once at start-up;
 * a bad value stops the service with a message that names the variable.
 */
export class AppConfig {
  /** HTTP port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Interface to listen on. */
  @IsString()
  HOST: string = '0.0.0.0';

  /** PostgreSQL connection string. Unset: an embedded PostgreSQL is started under EMBEDDED_PG_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  /** Data directory of the embedded PostgreSQL (only used without DATABASE_URL). */
  @IsString()
  EMBEDDED_PG_DIR: string = './data/postgres';

  /** Port of the embedded PostgreSQL; 0 picks a free port at each start. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 0;

  /** pino log level. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** `json` (one object a line) or `pretty` (for people). Unset: pretty on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: LogFormat;

  /**
   * Serve GET /metrics on this port instead of the main one, without a key (0 picks a free port). Unset: on the main
   * port, for admin keys only.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** Interface of the metrics port: loopback by default, since what is served there needs no key. */
  @IsString()
  METRICS_HOST: string = '127.0.0.1';

  /**
   * Our target in hours for "without undue delay" where the agreement names no number and its profile sets no target.
   * Our choice, not the law's.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(72)
  DEFAULT_TARGET_HOURS: number = 24;

  /** Our target in hours for "immediately" ("straks") where the profile sets none: tighter than without undue delay. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(72)
  IMMEDIATE_TARGET_HOURS: number = 4;

  /** An admin key accepted from the start (at least 32 characters); stored as a hash like any other key. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BOOTSTRAP_ADMIN_KEY must be at least 32 characters' })
  BOOTSTRAP_ADMIN_KEY?: string;

  /**
   * HMAC key of the audit chain and its checkpoints. Unset: generated beside the embedded database's data; with
   * DATABASE_URL it must be set (every instance needs the same key, and it must not live in the database).
   */
  @IsOptional()
  @MinBytes(MIN_KEY_BYTES)
  AUDIT_KEY?: string;

  /** Key that encrypts secrets at rest (webhook secrets); unset: as for AUDIT_KEY. */
  @IsOptional()
  @MinBytes(MIN_KEY_BYTES)
  SECRETS_KEY?: string;

  /** How often the head of the audit chain is signed and written out (a checkpoint); 0 switches it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: number = 3600;

  /** Checkpoints are also appended here, one JSON line each. */
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_FILE?: string;

  /** Checkpoints are also POSTed here as JSON `{ type: "breach-desk.audit-checkpoint", checkpoint }`. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'AUDIT_CHECKPOINT_URL must be an http(s) URL' },
  )
  AUDIT_CHECKPOINT_URL?: string;

  /** Failed authentications allowed per client address within the window before it is refused (429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_LIMIT: number = 20;

  /** The window for AUTH_FAILURE_LIMIT, and how long a client address stays refused after passing it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_WINDOW_SECONDS: number = 60;

  /** How often the alert scan runs; 0 switches the scheduler off (the scan can still be run by other means). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_SCAN_INTERVAL_SECONDS: number = 60;

  /** Alerts are also POSTed here as JSON. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'ALERT_WEBHOOK_URL must be an http(s) URL' },
  )
  ALERT_WEBHOOK_URL?: string;

  /** Alerts are also e-mailed to these addresses (comma-separated), through SMTP_URL. */
  @IsOptional()
  @Matches(/^[^\s,@]+@[^\s,@]+(\s*,\s*[^\s,@]+@[^\s,@]+)*$/, {
    message: 'ALERT_EMAILS must be comma-separated e-mail addresses',
  })
  ALERT_EMAILS?: string;

  /** smtp://user:pass@host:port or smtps://…; needed for ALERT_EMAILS. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Target in hours for telling the data subjects (Art. 34: "without undue delay"), from the high-risk decision. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  DATA_SUBJECT_TARGET_HOURS: number = 72;

  /** How often each instance's outbox worker looks for messages to send (and for leases run out); 0: off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  OUTBOX_SWEEP_SECONDS: number = 2;

  /**
   * Worker threads that render the notices' PDFs: pdfkit takes tens of milliseconds of CPU per notice, which on the
   * thread that answers requests would stall every request while a notice job of thousands runs. One per core but one.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PDF_WORKERS: number = Math.max(1, availableParallelism() - 1);

  /** How long a claimed message is held by its instance; renewed while sending, taken over by another after it. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(600)
  OUTBOX_LEASE_SECONDS: number = 15;

  /** Tries at delivering a notice by e-mail or webhook before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS: number = 6;

  /** Wait before the first retry; it doubles after each (1 s, 2 s, 4 s … by default). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DELIVERY_BACKOFF_MS: number = 1000;

  /** The From of every e-mail the service sends. */
  @IsString()
  MAIL_FROM: string = 'Breach Desk <breach-desk@localhost>';

  /**
   * The regimes that apply to us besides GDPR (comma-separated regime ids, e.g. `gdpr,nis2`): each sets off its stages
   * on every incident, as our own duty. A controller's own regimes (DORA for a financial entity) are on the controller.
   */
  @Matches(/^[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*$/, {
    message: 'REGIMES must be comma-separated regime ids, e.g. gdpr,nis2',
  })
  REGIMES: string = 'gdpr';

  /** Our country (ISO 3166-1 alpha-2, e.g. de, dk, no): the jurisdiction whose law of a regime applies to us. */
  @IsOptional()
  @Matches(/^[a-zA-Z]{2}$/, { message: 'ORG_COUNTRY must be a two-letter country code, e.g. de' })
  ORG_COUNTRY?: string;

  /** Our sectors, comma-separated (e.g. `trust-service`): some stages apply only to a sector (NIS2 Art. 23(4)(b)). */
  @Matches(/^([a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*)?$/, {
    message: 'ORG_SECTORS must be comma-separated sector ids, e.g. trust-service',
  })
  ORG_SECTORS: string = '';

  /** REGIMES, ORG_COUNTRY and ORG_SECTORS as the clock reads them. */
  get regimeSettings(): { regimes: string[]; country: string | null; sectors: string[] } {
    const list = (v: string) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    return {
      regimes: list(this.REGIMES),
      country: this.ORG_COUNTRY?.toLowerCase() ?? null,
      sectors: list(this.ORG_SECTORS),
    };
  }

  /** Our targets for the standards that name no number ("immediately", "without undue delay"). */
  get defaultTargets(): { immediately: number; withoutUndueDelay: number } {
    return { immediately: this.IMMEDIATE_TARGET_HOURS, withoutUndueDelay: this.DEFAULT_TARGET_HOURS };
  }

  // Who we are (Art. 33(3)(b)): the contact point in our notices to a controller. An agreement that names its own
  // channel for breach matters (e.g. Dotnet Internals Appendix C.8) comes first for the breach e-mail and phone.

  /** Our organisation's name in the contact point; unset: the processor named in the controller's agreement. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ORG_NAME?: string;

  /** Our data protection officer. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ORG_DPO_NAME?: string;

  @IsOptional()
  @IsEmail({}, { message: 'ORG_DPO_EMAIL must be an e-mail address' })
  ORG_DPO_EMAIL?: string;

  @IsOptional()
  @Matches(PHONE, { message: 'ORG_DPO_PHONE must be a phone number (digits, spaces, + - ( ))' })
  ORG_DPO_PHONE?: string;

  /** Our channel for breach matters. */
  @IsOptional()
  @IsEmail({}, { message: 'ORG_BREACH_EMAIL must be an e-mail address' })
  ORG_BREACH_EMAIL?: string;

  @IsOptional()
  @Matches(PHONE, { message: 'ORG_BREACH_PHONE must be a phone number (digits, spaces, + - ( ))' })
  ORG_BREACH_PHONE?: string;
  // People signing in to the pages (users and sessions; API keys stay for machines).

  /** Where people reach the service, for links the service prints (the first-run link); unset: http://localhost:<PORT>. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  /** A session ends after this many minutes without a request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES: number = 30;

  /** A session ends this many hours after sign-in, however busy. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SESSION_ABSOLUTE_HOURS: number = 12;

  /** Admins must have a second factor (TOTP): one without is made to enrol at sign-in before anything else. */
  @Transform(toBool)
  @IsBoolean({ message: 'REQUIRE_2FA_FOR_ADMINS must be true or false' })
  REQUIRE_2FA_FOR_ADMINS: boolean = false;

  /**
   * Express's `trust proxy` (false, true, a hop count or a list of addresses): behind a TLS-terminating proxy it lets
   * the service see the request came over https (the session cookie is then Secure) and the client's address.
   */
  @IsString()
  TRUST_PROXY: string = 'false';

  /** Outbound requests (webhooks, alerts) may use http as well as https. */
  @Transform(toBool)
  @IsBoolean({ message: 'WEBHOOK_ALLOW_HTTP must be true or false' })
  WEBHOOK_ALLOW_HTTP: boolean = false;

  /** Outbound requests may go to loopback and private addresses (receivers on premises, tests). */
  @Transform(toBool)
  @IsBoolean({ message: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean = false;
}

/** Rules between variables, checked once each variable is valid on its own. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.ALERT_EMAILS && !config.SMTP_URL) {
    problems.push('ALERT_EMAILS is set but SMTP_URL is not: e-mail needs an SMTP server');
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.PORT) {
    problems.push('METRICS_PORT is the same as PORT: the metrics port must be another one');
  }
  for (const name of ['ALERT_WEBHOOK_URL', 'AUDIT_CHECKPOINT_URL'] as const) {
    const url = config[name];
    const urlIssues = url ? urlProblems(url, outboundPolicy(config)) : [];
    if (urlIssues.length > 0) problems.push(`${name} ${urlIssues.join('; ')}`);
  }
  return problems;
}

export class ConfigValidationError extends Error {}

/**
 * The log format: LOG_FORMAT when set, else pretty for a person at a terminal and JSON for everything else (a file,
 * a pipe, a log collector), which is what reads logs when stdout is not a TTY.
 */
export function logFormat(config: Pick<AppConfig, 'LOG_FORMAT'>, stdoutIsTty: boolean): LogFormat {
  return config.LOG_FORMAT ?? (stdoutIsTty ? 'pretty' : 'json');
}

/** Builds the configuration from an environment, throwing one error that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '' && (known.includes(key) || OPTIONAL_VARIABLES.includes(key)))
      raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.length === 0 ? crossChecks(config) : [];
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  if (errors.length > 0) {
    const shown = (e: ValidationError) =>
      SECRET_VARIABLES.includes(e.property) ? '(hidden)' : JSON.stringify(e.value);
    const lines = errors.map(
      (e) => `  ${e.property}=${shown(e)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
