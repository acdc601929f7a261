import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';

/** A statement for node-postgres: with a `name`, it is parsed and planned once per connection, then reused. */
export interface PreparedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/** A stable name for a statement's text: the same text always gets the same name, another text another name. */
export function preparedName(text: string): string {
  return `bd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

export function prepared(text: string, values: unknown[]): PreparedQuery {
  return { name: preparedName(text), text, values };
}

/**
 * One statement written by several owners: each table's owning service adds the data-modifying CTE that writes its
 * rows, so that a write touching many tables costs one round trip while the SQL for each table stays in its module.
 * Placeholders are numbered in the order parts add their values. Rows travel as one JSON parameter per table (see
 * `jsonRows`), so the text does not grow with the number of rows: it is prepared once, and no row count runs into
 * PostgreSQL's 65,535 bind parameters.
 */
export class ComposedStatement {
  private readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  /** A placeholder for this value, with its cast. */
  param(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  /** Adds `name AS (sql)`. The sub-statements run together; foreign keys are checked at the end of the statement. */
  with(name: string, sql: string): this {
    this.parts.push(`${name} AS (${sql})`);
    return this;
  }

  get empty(): boolean {
    return this.parts.length === 0;
  }

  build(): PreparedQuery {
    return prepared(`WITH ${this.parts.join(',\n')}\nSELECT 1`, this.values);
  }
}

/**
 * `SELECT <columns> FROM json_to_recordset(<param>) AS r(<columns with types>)`: rows given as one JSON array of
 * objects keyed by column name. A function scan returns them in array order, so defaults drawn from a sequence
 * (timeline seq) follow the order given.
 */
export function jsonRows(placeholder: string, columns: readonly (readonly [string, string])[]): string {
  return `SELECT ${columns.map(([c]) => `r.${c}`).join(', ')} FROM json_to_recordset(${placeholder}) AS r(${columns
    .map(([c, type]) => `${c} ${type}`)
    .join(', ')})`;
}

/** The pg client of the manager's query runner: TypeORM's own query() sends every statement unnamed. */
export function pgClientOf(em: EntityManager): PoolClient | undefined {
  return (em.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
}

/** Runs a prepared query on the transaction's own connection (or through TypeORM when there is none yet). */
export async function runPrepared<R extends QueryResultRow>(
  em: EntityManager,
  query: PreparedQuery,
): Promise<R[]> {
  const client = pgClientOf(em);
  if (!client) return em.query<R[]>(query.text, query.values);
  return (await client.query<R>(query)).rows;
}
