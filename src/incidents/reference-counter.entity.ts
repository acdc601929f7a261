import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last incident number used in each year. Incremented in the creating transaction: no gaps, no duplicates. */
@Entity({ name: 'reference_counter' })
export class ReferenceCounter {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_reference_counter' })
  year: number;

  @Column({ type: 'int' })
  last: number;
}
