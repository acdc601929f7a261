import { EntityManager, EntityTarget, FindOptionsWhere, In } from 'typeorm';

/** Loads the rows with these ids (each id once) into a map by id. */
export async function loadById<T extends { id: string }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  ids: string[],
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await em.findBy(entity, { id: In(unique) } as FindOptionsWhere<T>);
  return new Map(rows.map((r) => [r.id, r]));
}
