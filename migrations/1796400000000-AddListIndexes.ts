import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists and their filters at a large processor's scale (issue 12: thousands of controllers, an
 * incident affecting 2,000 of them). Each serves one list's order or filter, so a page is a short index range
 * however deep it lies; test/list-indexes.e2e-spec.ts checks the plans.
 * - incident (discovered_at, reference): the order of GET /incidents and the register, and the register's keyset.
 *   It replaces ix_incident_discovered_at, whose every use it serves.
 * - obligation (status, due_at): "incidents with an obligation in this status" (GET /incidents?status=) and the
 *   obligations-by-status count of the metrics.
 * - obligation (controller_id, effective_due_at), pending only: one controller's deadlines, soonest first.
 * - data_controller (name, id): GET /controllers, in name order.
 * - filing (incident_id, created_at, id): GET /incidents/:id/filings, oldest first.
 */
export class AddListIndexes1796400000000 implements MigrationInterface {
  name = 'AddListIndexes1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_incident_discovered_reference" ON "incident" ("discovered_at", "reference") `,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_incident_discovered_at"`);
    await queryRunner.query(`CREATE INDEX "ix_obligation_status_due" ON "obligation" ("status", "due_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_obligation_controller_pending_due" ON "obligation" ("controller_id", "effective_due_at") WHERE "status" IN ('open', 'awaiting-anchor')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_data_controller_name" ON "data_controller" ("name", "id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_filing_incident" ON "filing" ("incident_id", "created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_filing_incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_data_controller_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_controller_pending_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_status_due"`);
    await queryRunner.query(`CREATE INDEX "ix_incident_discovered_at" ON "incident" ("discovered_at") `);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_discovered_reference"`);
  }
}
