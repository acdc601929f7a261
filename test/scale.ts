import type { EntityManager } from 'typeorm';

/**
 * Copies one incident made through the API `count` times, in SQL: its row, its controllers, its obligations, its
 * form answers and its decisions, each copy with its own ids, a reference `BR-2025-<n>` and a discovery n/2 hours
 * earlier (so that pairs share a discovery and the reference decides their order). A world of a thousand incidents
 * in a second, with rows exactly as the service writes them, for the tests that need numbers, not behaviour.
 */
export async function givenCopiesOf(em: EntityManager, incidentId: string, count: number): Promise<void> {
  await em.query(
    `CREATE TEMP TABLE copy_of (n int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid()) ON COMMIT DROP`,
  );
  await em.query(`INSERT INTO copy_of (n) SELECT generate_series(1, $1)`, [count]);
  const shift = `(m.n / 2) * interval '1 hour'`;
  await copy(em, 'incident', 'i.id = $1', [incidentId], {
    id: 'm.id',
    reference: `'BR-2025-' || lpad(m.n::text, 4, '0')`,
    title: `i.title || ' #' || m.n`,
    discovered_at: `i.discovered_at - ${shift}`,
    processor_aware_at: `i.processor_aware_at - ${shift}`,
  });
  for (const table of ['incident_controller', 'form_answer']) {
    await copy(em, table, 'i.incident_id = $1', [incidentId], { incident_id: 'm.id' });
  }
  for (const table of ['obligation', 'decision']) {
    await copy(em, table, 'i.incident_id = $1', [incidentId], {
      id: 'gen_random_uuid()',
      incident_id: 'm.id',
    });
  }
  await em.query('ANALYZE');
}

/** INSERT … SELECT of every row of `table` matching `where`, once per copy, with some columns computed anew. */
async function copy(
  em: EntityManager,
  table: string,
  where: string,
  params: unknown[],
  computed: Record<string, string>,
): Promise<void> {
  // Columns filled by a sequence (a decision's seq) are left to it.
  const columns = (
    await em.query<{ name: string }[]>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1
          AND coalesce(column_default, '') NOT LIKE 'nextval%' AND is_identity = 'NO'
        ORDER BY ordinal_position`,
      [table],
    )
  ).map((c) => c.name);
  const values = columns.map((c) => computed[c] ?? `i."${c}"`);
  await em.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')})
     SELECT ${values.join(', ')} FROM "${table}" i CROSS JOIN copy_of m WHERE ${where}`,
    params,
  );
}
