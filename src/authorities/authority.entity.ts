import { Column, Entity, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_CHANNEL_KINDS = ['online-form', 'email', 'post'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];

export const FORM_STYLES = ['datatilsynet', 'de-state', 'generic'] as const;
export type FormStyle = (typeof FORM_STYLES)[number];

export interface NotificationChannel {
  kind: NotificationChannelKind;
  url?: string;
  description: string;
}

/** A supervisory authority (Art. 51). The competent one belongs to the controller, not to the agreement. */
@Entity({ name: 'authority' })
export class Authority {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_authority' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 300 })
  website: string;

  @Column({ name: 'notification_channel', type: 'jsonb' })
  notificationChannel: NotificationChannel;

  /** The zone instants are shown in to this authority (IANA). */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /** Which order and languages its notification form asks for (see GET /incidents/:id/authority-form). */
  @Column({ name: 'form_style', type: 'varchar', length: 16, default: 'generic' })
  formStyle: FormStyle;

  @Column({ type: 'boolean', default: true })
  builtin: boolean;
}
