import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RegimeDefinition } from './regime-definition';
import { Regime } from './regime.entity';

export const REGIME_VERSION_SOURCES = ['builtin', 'api'] as const;
export type RegimeVersionSource = (typeof REGIME_VERSION_SOURCES)[number];

/** One version of a regime. Never changed once written: every obligation records the version (and stage) it used. */
@Entity({ name: 'regime_version' })
@Check('ck_regime_version_version', '"version" >= 1')
@Check('ck_regime_version_source', `"source" IN ('builtin', 'api')`)
export class RegimeVersion {
  @PrimaryColumn({
    name: 'regime_id',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_regime_version',
  })
  regimeId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_regime_version' })
  version: number;

  @ManyToOne(() => Regime, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regime_id', foreignKeyConstraintName: 'fk_regime_version_regime' })
  regime?: Regime;

  @Column({ type: 'jsonb' })
  definition: RegimeDefinition;

  @Column({ type: 'varchar', length: 16 })
  source: RegimeVersionSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
