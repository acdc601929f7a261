import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox for everything the service sends. Notices that were still to be delivered become outbox messages (their
 * filing's id is the delivery id); the delivery log of every filing moves into outbox_attempt, so nothing of the
 * record is lost, and the filing's own lease goes.
 */
export class AddOutbox1796112000200 implements MigrationInterface {
  name = 'AddOutbox1796112000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(16) NOT NULL, "target" character varying(2000) NOT NULL, "incident_id" uuid, "obligation_id" uuid, "controller_id" uuid, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE, "leased_by" character varying(64), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_outbox_message_lease" CHECK ("status" <> 'sending' OR "lease_until" IS NOT NULL), CONSTRAINT "ck_outbox_message_status" CHECK ("status" IN ('pending', 'sending', 'delivered', 'failed')), CONSTRAINT "ck_outbox_message_channel" CHECK ("channel" IN ('webhook', 'email')), CONSTRAINT "pk_outbox_message" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbox_message_incident" ON "outbox_message" ("incident_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_message_failed_obligation" ON "outbox_message" ("obligation_id") WHERE "status" = 'failed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_message_lease" ON "outbox_message" ("lease_until") WHERE "status" = 'sending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_message_due" ON "outbox_message" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_attempt" ("message_id" uuid NOT NULL, "attempt" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "detail" text NOT NULL, "instance_id" character varying(64) NOT NULL, CONSTRAINT "pk_outbox_attempt" PRIMARY KEY ("message_id", "attempt"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_attempt" ADD CONSTRAINT "fk_outbox_attempt_message" FOREIGN KEY ("message_id") REFERENCES "outbox_message"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "outbox_message" ("id", "kind", "channel", "target", "incident_id", "obligation_id", "controller_id", "payload", "status", "attempts", "next_attempt_at", "delivered_at", "failed_at", "created_at")
       SELECT f.id, 'breach-notice', f.channel, f.recipient, f.incident_id, f.obligation_id, f.controller_id,
              jsonb_build_object('filingId', f.id), f.status,
              (SELECT count(*) FROM "filing_attempt" a WHERE a.filing_id = f.id), now(),
              f.delivered_at, CASE WHEN f.status = 'failed' THEN now() END, f.created_at
         FROM "filing" f WHERE f.channel IN ('email', 'webhook')`,
    );
    await queryRunner.query(
      `INSERT INTO "outbox_attempt" ("message_id", "attempt", "at", "ok", "detail", "instance_id")
       SELECT DISTINCT ON (a.filing_id, a.attempt) a.filing_id, a.attempt, a.at, a.ok, a.detail, 'before-outbox'
         FROM "filing_attempt" a JOIN "outbox_message" m ON m.id = a.filing_id
        ORDER BY a.filing_id, a.attempt, a.at`,
    );
    await queryRunner.query(`ALTER TABLE "filing_attempt" DROP CONSTRAINT "fk_filing_attempt_filing"`);
    await queryRunner.query(`DROP INDEX "public"."ix_filing_attempt_filing"`);
    await queryRunner.query(`DROP TABLE "filing_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_filing_pending"`);
    await queryRunner.query(`ALTER TABLE "filing" DROP COLUMN "lease_until"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "filing" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_filing_pending" ON "filing" ("lease_until") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "filing_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "filing_id" uuid NOT NULL, "attempt" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "detail" text NOT NULL, CONSTRAINT "pk_filing_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_filing_attempt_filing" ON "filing_attempt" ("filing_id", "attempt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "filing_attempt" ADD CONSTRAINT "fk_filing_attempt_filing" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "filing_attempt" ("filing_id", "attempt", "at", "ok", "detail")
       SELECT a.message_id, a.attempt, a.at, a.ok, a.detail FROM "outbox_attempt" a JOIN "filing" f ON f.id = a.message_id`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_attempt" DROP CONSTRAINT "fk_outbox_attempt_message"`);
    await queryRunner.query(`DROP TABLE "outbox_attempt"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
  }
}
