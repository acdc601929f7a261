import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One writer per table: only src/obligations/ writes `obligation` rows. The lint rule keeps the entity's value out of
 * other modules (no em.save(Obligation …)); this keeps raw SQL on the table out of them.
 */
const SRC = join(__dirname, '..');
const WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?obligation"?(?![_\w])/i;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the obligations module is the only writer of obligation rows', () => {
  it('no other module writes the table in SQL', () => {
    const offenders = files(SRC)
      .filter((f) => !relative(SRC, f).startsWith('obligations'))
      .filter((f) => WRITE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('the check itself finds a write', () => {
    expect(WRITE.test('await em.query(`UPDATE obligation SET status = $1`)')).toBe(true);
    expect(WRITE.test('UPDATE obligation_alert SET delivery = $1')).toBe(false);
  });
});
