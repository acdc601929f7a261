import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { TextLanguage } from '../forms/render.util';

export const NOTIFICATION_CHANNEL_KINDS = ['online-form', 'email', 'post'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];

/** `datatilsynet` is Norway's; Denmark's authority shares the name but has a form of its own (`dk-datatilsynet`). */
export const FORM_STYLES = ['datatilsynet', 'dk-datatilsynet', 'imy', 'de-state', 'generic'] as const;
export type FormStyle = (typeof FORM_STYLES)[number];

export interface NotificationChannel {
  kind: NotificationChannelKind;
  url?: string;
  description: string;
}

/** A supervisory authority (Art. 51). The competent one belongs to the controller, not to the agreement. */
@Entity({ name: 'authority' })
@Check(
  'ck_authority_languages',
  `cardinality("languages") > 0 AND "languages" <@ ARRAY['en', 'nb', 'de', 'da', 'sv']::character varying[]`,
)
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

  /**
   * The languages its form is filled in and the notifications it receives are written in; the first is the default.
   * Each must be one its form style has wording for (src/forms/authority-form.ts).
   */
  @Column({ type: 'varchar', length: 8, array: true })
  languages: TextLanguage[];

  @Column({ type: 'boolean', default: true })
  builtin: boolean;
}
