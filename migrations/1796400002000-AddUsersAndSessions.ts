import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People sign in: users beside the API keys, their sessions (only a hash of each token is kept), one-time links
 * (first run, set password). The trail records a person apart from a key: `actor_user_id`, hashed from chain version 3
 * on (rows of versions 1 and 2 keep verifying under their own rules).
 */
export class AddUsersAndSessions1796400002000 implements MigrationInterface {
  name = 'AddUsersAndSessions1796400002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(100) NOT NULL, "role" character varying(16) NOT NULL, "controller_id" uuid, "password_hash" text, "totp_secret" text, "totp_pending_secret" text, "totp_last_step" bigint, "totp_enabled" boolean NOT NULL DEFAULT false, "locale" character varying(2) NOT NULL DEFAULT 'en', "time_zone" character varying(64) NOT NULL DEFAULT 'UTC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_app_user_role" CHECK ("role" IN ('admin', 'responder', 'dpo', 'controller')), CONSTRAINT "ck_app_user_controller_binding" CHECK (("role" = 'controller') = ("controller_id" IS NOT NULL)), CONSTRAINT "ck_app_user_locale" CHECK ("locale" IN ('en', 'nb', 'de')), CONSTRAINT "pk_app_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user" ("email") `);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_user_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_session_token" ON "user_session" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_user_session_user" ON "user_session" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "fk_user_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" character varying(16) NOT NULL, "user_id" uuid, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_user_token_purpose" CHECK ("purpose" IN ('first-run', 'set-password')), CONSTRAINT "ck_user_token_user" CHECK (("purpose" = 'set-password') = ("user_id" IS NOT NULL)), CONSTRAINT "pk_user_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_token_hash" ON "user_token" ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "user_token" ADD CONSTRAINT "fk_user_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The trail: who, when a person. No foreign key, like actor_key_id: the record outlives what it names.
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "actor_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_chain_version"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_chain_version" CHECK ("chain_version" IN (1, 2, 3))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_chain_version"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_chain_version" CHECK ("chain_version" IN (1, 2))`,
    );
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_user_id"`);
    await queryRunner.query(`DROP TABLE "user_token"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
