import { hkdfSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { readOrCreateSecret } from '../database/embedded-postgres.driver';
import { AppConfig, ConfigValidationError, MIN_KEY_BYTES } from './config';

/**
 * The service's own keys, each derived (HKDF-SHA256) from a configured key for one purpose only, so that no value
 * made with one can pass for another: a row hash is never a valid checkpoint signature.
 */
export class ServiceKeys {
  private constructor(
    /** HMAC-SHA256 key of the audit chain's row hashes. */
    readonly auditChain: Buffer,
    /** HMAC-SHA256 key of the audit checkpoints' signatures. */
    readonly auditCheckpoint: Buffer,
    /** AES-256-GCM key of secrets at rest. */
    readonly secrets: Buffer,
  ) {}

  static from(auditKey: string, secretsKey: string): ServiceKeys {
    return new ServiceKeys(
      derive(auditKey, 'breach-desk audit chain v2'),
      derive(auditKey, 'breach-desk audit checkpoint v1'),
      derive(secretsKey, 'breach-desk secrets at rest v1'),
    );
  }

  /** Keys that live as long as the process: for a throwaway database only (the benchmarks). */
  static random(): ServiceKeys {
    return ServiceKeys.from(randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url'));
  }
}

function derive(key: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.alloc(0), purpose, 32));
}

/**
 * AUDIT_KEY and SECRETS_KEY from the configuration. Without DATABASE_URL (the embedded database) a missing one is
 * generated on first start and kept beside the data, mode 600, like the database password: `<EMBEDDED_PG_DIR>.audit-key`
 * and `<EMBEDDED_PG_DIR>.secrets-key`. With DATABASE_URL there is no safe place to make one: every instance must use the
 * same key, across restarts and redeployments, and the database is the one place it must not be kept. So a missing
 * key stops the service at start, naming it.
 */
export async function resolveServiceKeys(config: AppConfig): Promise<ServiceKeys> {
  if (config.DATABASE_URL) {
    const missing = (['AUDIT_KEY', 'SECRETS_KEY'] as const).filter((name) => !config[name]);
    if (missing.length > 0) {
      throw new ConfigValidationError(
        `Invalid configuration:\n${missing
          .map(
            (name) =>
              `  ${name} is not set: with DATABASE_URL every instance needs the same key (at least ${MIN_KEY_BYTES} bytes, e.g. \`openssl rand -base64 32\`)`,
          )
          .join('\n')}`,
      );
    }
    return ServiceKeys.from(config.AUDIT_KEY!, config.SECRETS_KEY!);
  }
  const dir = resolve(config.EMBEDDED_PG_DIR);
  const make = () => randomBytes(32).toString('base64url');
  const auditKey = config.AUDIT_KEY ?? (await readKeyFile(`${dir}.audit-key`, make));
  const secretsKey = config.SECRETS_KEY ?? (await readKeyFile(`${dir}.secrets-key`, make));
  return ServiceKeys.from(auditKey, secretsKey);
}

async function readKeyFile(file: string, make: () => string): Promise<string> {
  const key = await readOrCreateSecret(file, make);
  if (Buffer.byteLength(key, 'utf8') < MIN_KEY_BYTES) {
    throw new ConfigValidationError(`The key in ${file} is shorter than ${MIN_KEY_BYTES} bytes`);
  }
  return key;
}
