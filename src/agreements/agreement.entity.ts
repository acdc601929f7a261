import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A data processing agreement. Its terms live in versions (agreement-version.entity.ts, which refers to this one; this
 * one does not refer back, so the two files do not import each other); editing one adds a version.
 */
@Entity({ name: 'agreement' })
@Check('ck_agreement_current_version', '"current_version" >= 1')
export class Agreement {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_agreement' })
  id: string;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /** Shipped with the product (loaded from a profile file at start-up). */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  /** sha256 of the profile file last loaded, so that a changed file adds a version once and only once. */
  @Column({ name: 'builtin_hash', type: 'varchar', length: 64, nullable: true })
  builtinHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
