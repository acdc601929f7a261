import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIncidentsAndClock1795348575682 implements MigrationInterface {
  name = 'AddIncidentsAndClock1795348575682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL, "discovered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processor_aware_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurred_from" TIMESTAMP WITH TIME ZONE, "occurred_to" TIMESTAMP WITH TIME ZONE, "source" character varying(200) NOT NULL, "subprocessor_notified_at" TIMESTAMP WITH TIME ZONE, "detection" text, "breach_types" character varying array NOT NULL, "services" character varying array NOT NULL DEFAULT '{}', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_incident_occurred_span" CHECK ("occurred_from" IS NULL OR "occurred_to" IS NULL OR "occurred_from" <= "occurred_to"), CONSTRAINT "ck_incident_awareness_after_discovery" CHECK ("processor_aware_at" >= "discovered_at"), CONSTRAINT "ck_incident_breach_types" CHECK (cardinality("breach_types") >= 1 AND "breach_types" <@ ARRAY['confidentiality', 'integrity', 'availability']::varchar[]), CONSTRAINT "pk_incident" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incident_reference" ON "incident" ("reference") `);
    await queryRunner.query(`CREATE INDEX "ix_incident_discovered_at" ON "incident" ("discovered_at") `);
    await queryRunner.query(
      `CREATE TABLE "obligation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "hop" character varying(32) NOT NULL, "controller_id" uuid NOT NULL, "authority_id" character varying(64), "anchor_at" TIMESTAMP WITH TIME ZONE, "anchor_reason" text, "due_at" TIMESTAMP WITH TIME ZONE, "conservative_due_at" TIMESTAMP WITH TIME ZONE, "effective_due_at" TIMESTAMP WITH TIME ZONE, "window_hours" integer NOT NULL, "basis" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, "reasons_for_delay" text, "not_required_reasoning" text, "decided_by_key_id" uuid, "decided_by_role" character varying(16), "decided_at" TIMESTAMP WITH TIME ZONE, "agreement_id" character varying(64) NOT NULL, "agreement_version" integer NOT NULL, "terms" jsonb NOT NULL, "next_alert_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_obligation_not_required_reasoned" CHECK ("status" <> 'not-required' OR ("not_required_reasoning" IS NOT NULL AND "decided_by_role" IS NOT NULL)), CONSTRAINT "ck_obligation_late_has_reasons" CHECK ("status" <> 'met-late' OR "reasons_for_delay" IS NOT NULL), CONSTRAINT "ck_obligation_met" CHECK (("status" IN ('met', 'met-late')) = ("met_at" IS NOT NULL)), CONSTRAINT "ck_obligation_due_with_anchor" CHECK (("anchor_at" IS NULL) = ("due_at" IS NULL)), CONSTRAINT "ck_obligation_running_has_anchor" CHECK ("status" NOT IN ('open', 'met', 'met-late') OR "anchor_at" IS NOT NULL), CONSTRAINT "ck_obligation_awaiting_has_no_anchor" CHECK ("status" <> 'awaiting-anchor' OR "anchor_at" IS NULL), CONSTRAINT "ck_obligation_basis" CHECK ("basis" IN ('contractual', 'target', 'statutory')), CONSTRAINT "ck_obligation_status" CHECK ("status" IN ('awaiting-anchor', 'open', 'met', 'met-late', 'not-required')), CONSTRAINT "ck_obligation_hop" CHECK ("hop" IN ('processor-to-controller', 'controller-to-authority', 'controller-to-data-subjects')), CONSTRAINT "pk_obligation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_obligation_controller" ON "obligation" ("controller_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_obligation_pending_due" ON "obligation" ("effective_due_at") WHERE "status" IN ('open', 'awaiting-anchor')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_obligation_next_alert" ON "obligation" ("next_alert_at") WHERE "next_alert_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_obligation_hop" ON "obligation" ("incident_id", "hop", "controller_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "obligation_alert" ("obligation_id" uuid NOT NULL, "stage" integer NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "late" boolean NOT NULL, "superseded" boolean NOT NULL DEFAULT false, "delivery" jsonb, CONSTRAINT "ck_obligation_alert_stage" CHECK ("stage" IN (50, 80, 100)), CONSTRAINT "pk_obligation_alert" PRIMARY KEY ("obligation_id", "stage"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("actor_key_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "scope" character varying(64) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_record" PRIMARY KEY ("actor_key_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_controller" ("incident_id" uuid NOT NULL, "controller_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_incident_controller" PRIMARY KEY ("incident_id", "controller_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_controller_controller" ON "incident_controller" ("controller_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reference_counter" ("year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "pk_reference_counter" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "timeline_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "seq" BIGSERIAL NOT NULL, "kind" character varying(32) NOT NULL, "actor_key_id" uuid, "actor_role" character varying(16) NOT NULL, "controller_id" uuid, "data" jsonb NOT NULL, CONSTRAINT "pk_timeline_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_timeline_entry_incident" ON "timeline_entry" ("incident_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "fk_obligation_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "fk_obligation_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation_alert" ADD CONSTRAINT "fk_obligation_alert_obligation" FOREIGN KEY ("obligation_id") REFERENCES "obligation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_controller" ADD CONSTRAINT "fk_incident_controller_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_controller" ADD CONSTRAINT "fk_incident_controller_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "timeline_entry" ADD CONSTRAINT "fk_timeline_entry_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "timeline_entry" DROP CONSTRAINT "fk_timeline_entry_incident"`);
    await queryRunner.query(
      `ALTER TABLE "incident_controller" DROP CONSTRAINT "fk_incident_controller_controller"`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident_controller" DROP CONSTRAINT "fk_incident_controller_incident"`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation_alert" DROP CONSTRAINT "fk_obligation_alert_obligation"`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "fk_obligation_controller"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "fk_obligation_incident"`);
    await queryRunner.query(`DROP INDEX "public"."ix_timeline_entry_incident"`);
    await queryRunner.query(`DROP TABLE "timeline_entry"`);
    await queryRunner.query(`DROP TABLE "reference_counter"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_controller_controller"`);
    await queryRunner.query(`DROP TABLE "incident_controller"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP TABLE "obligation_alert"`);
    await queryRunner.query(`DROP INDEX "public"."uq_obligation_hop"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_next_alert"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_pending_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_controller"`);
    await queryRunner.query(`DROP TABLE "obligation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_discovered_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incident_reference"`);
    await queryRunner.query(`DROP TABLE "incident"`);
  }
}
