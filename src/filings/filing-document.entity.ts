import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Filing } from './filing.entity';

export const DOCUMENT_FORMATS = ['html', 'txt', 'pdf', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A notice document exactly as sent, with its sha256. The database refuses to change or remove one. */
@Entity({ name: 'filing_document' })
@Check('ck_filing_document_format', `"format" IN ('html', 'txt', 'pdf', 'json')`)
export class FilingDocument {
  @PrimaryColumn({ name: 'filing_id', type: 'uuid', primaryKeyConstraintName: 'pk_filing_document' })
  filingId: string;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_filing_document' })
  format: DocumentFormat;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id', foreignKeyConstraintName: 'fk_filing_document_filing' })
  filing?: Filing;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'char', length: 64 })
  sha256: string;
}
