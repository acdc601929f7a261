import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAccessAndAudit1795347361131 implements MigrationInterface {
  name = 'AddAccessAndAudit1795347361131';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "role" character varying(16) NOT NULL, "controller_id" uuid, "label" character varying(200), "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_api_key_controller_binding" CHECK (("role" = 'controller') = ("controller_id" IS NOT NULL)), CONSTRAINT "ck_api_key_role" CHECK ("role" IN ('admin', 'responder', 'dpo', 'controller')), CONSTRAINT "pk_api_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key" ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_key_id" uuid, "actor_role" character varying(16) NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(128) NOT NULL, "before" jsonb, "after" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "pk_audit_entry" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_at" ON "audit_entry" ("at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_entity" ON "audit_entry" ("entity_type", "entity_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "fk_api_key_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Art. 33(5): the trail is append-only. The database itself refuses to change or remove a row, whoever asks.
    await queryRunner.query(
      `CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
       END
       $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit_entry"
       FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_audit_entry_append_only" ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION "audit_entry_append_only"()`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "fk_api_key_controller"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_at"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_hash"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
