import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is keyed from now on (HMAC-SHA256 under AUDIT_KEY), and the trail refuses TRUNCATE as it refuses
 * UPDATE and DELETE. Rows already there keep the unkeyed sha256 they were written with: they get chain_version 1 and
 * verify under that rule; every new row is version 2, and no version-1 row may follow a version-2 one. The first
 * keyed row chains to the last unkeyed one, so from then on the old rows cannot be rewritten without the key either.
 * (ADD COLUMN with a default rewrites no row, so the append-only trigger is not involved.)
 */
export class KeyAuditChain1796200001000 implements MigrationInterface {
  name = 'KeyAuditChain1796200001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "chain_version" smallint NOT NULL DEFAULT 1`);
    // New rows must say which rule they follow: no default from here on.
    await queryRunner.query(`ALTER TABLE "audit_entry" ALTER COLUMN "chain_version" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_chain_version" CHECK ("chain_version" IN (1, 2))`,
    );
    // TRUNCATE fires no row trigger: it needs a statement-level one. Same function, so the same message and code.
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry"
       FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
  }

  /** Rows written keyed would not verify under the unkeyed rule: revert only with the trail exported first. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_audit_entry_no_truncate" ON "audit_entry"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_chain_version"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "chain_version"`);
  }
}
