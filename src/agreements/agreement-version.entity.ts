import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AgreementProfileDto } from './dto/agreement-profile.dto';
import { Agreement } from './agreement.entity';

export const VERSION_SOURCES = ['builtin', 'api'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/** One version of an agreement's profile. Never changed once written: deadlines record the version they used. */
@Entity({ name: 'agreement_version' })
@Check('ck_agreement_version_version', '"version" >= 1')
@Check('ck_agreement_version_source', `"source" IN ('builtin', 'api')`)
export class AgreementVersion {
  @PrimaryColumn({
    name: 'agreement_id',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_agreement_version',
  })
  agreementId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_agreement_version' })
  version: number;

  @ManyToOne(() => Agreement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'fk_agreement_version_agreement' })
  agreement: Agreement;

  @Column({ type: 'jsonb' })
  profile: AgreementProfileDto;

  @Column({ type: 'varchar', length: 16 })
  source: VersionSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
