import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A notification regime (GDPR, NIS2, DORA, …). Its stages live in immutable versions (regime-version.entity.ts). */
@Entity({ name: 'regime' })
@Check('ck_regime_current_version', '"current_version" >= 1')
export class Regime {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_regime' })
  id: string;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /** Shipped with the product (loaded from `src/regimes/builtin/` at start-up). */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
