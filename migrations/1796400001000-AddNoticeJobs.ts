import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notice jobs: one request gives the notice of a phase to many controllers of an incident, one item per controller,
 * each filed in the background through the outbox. The outbox gains the channel `job` for such work: a message that is
 * run in the service (filing one item), not sent anywhere, with the outbox's lease, retries and record.
 */
export class AddNoticeJobs1796400001000 implements MigrationInterface {
  name = 'AddNoticeJobs1796400001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_channel"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_channel" CHECK ("channel" IN ('webhook', 'email', 'job'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notice_job" ("id" uuid NOT NULL, "incident_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "phase" character varying(16) NOT NULL, "reasons_for_delay" text, "created_by_key_id" uuid NOT NULL, "created_by_role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notice_job_phase" CHECK ("phase" IN ('initial', 'follow-up', 'final')), CONSTRAINT "ck_notice_job_kind" CHECK ("kind" IN ('controller-notice', 'authority-notification', 'data-subject-notice')), CONSTRAINT "pk_notice_job" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notice_job_incident" ON "notice_job" ("incident_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notice_job_item" ("job_id" uuid NOT NULL, "controller_id" uuid NOT NULL, "obligation_id" uuid NOT NULL, "state" character varying(24) NOT NULL, "filing_id" uuid, "last_error" text, "message_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_notice_job_item_failed" CHECK ("state" <> 'failed' OR "last_error" IS NOT NULL), CONSTRAINT "ck_notice_job_item_filed" CHECK (("state" = 'filed') = ("filing_id" IS NOT NULL)), CONSTRAINT "ck_notice_job_item_state" CHECK ("state" IN ('pending', 'waiting-instruction', 'filed', 'failed')), CONSTRAINT "pk_notice_job_item" PRIMARY KEY ("job_id", "controller_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notice_job_item_waiting" ON "notice_job_item" ("controller_id") WHERE "state" = 'waiting-instruction'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_job" ADD CONSTRAINT "fk_notice_job_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_job_item" ADD CONSTRAINT "fk_notice_job_item_job" FOREIGN KEY ("job_id") REFERENCES "notice_job"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_job_item" ADD CONSTRAINT "fk_notice_job_item_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_job_item" ADD CONSTRAINT "fk_notice_job_item_obligation" FOREIGN KEY ("obligation_id") REFERENCES "obligation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_job_item" ADD CONSTRAINT "fk_notice_job_item_filing" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notice_job_item" DROP CONSTRAINT "fk_notice_job_item_filing"`);
    await queryRunner.query(`ALTER TABLE "notice_job_item" DROP CONSTRAINT "fk_notice_job_item_obligation"`);
    await queryRunner.query(`ALTER TABLE "notice_job_item" DROP CONSTRAINT "fk_notice_job_item_controller"`);
    await queryRunner.query(`ALTER TABLE "notice_job_item" DROP CONSTRAINT "fk_notice_job_item_job"`);
    await queryRunner.query(`ALTER TABLE "notice_job" DROP CONSTRAINT "fk_notice_job_incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notice_job_item_waiting"`);
    await queryRunner.query(`DROP TABLE "notice_job_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notice_job_incident"`);
    await queryRunner.query(`DROP TABLE "notice_job"`);
    // Job messages have no meaning without their jobs; their tries go with them.
    await queryRunner.query(
      `DELETE FROM "outbox_attempt" WHERE "message_id" IN (SELECT "id" FROM "outbox_message" WHERE "channel" = 'job')`,
    );
    await queryRunner.query(`DELETE FROM "outbox_message" WHERE "channel" = 'job'`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_channel"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_channel" CHECK ("channel" IN ('webhook', 'email'))`,
    );
  }
}
