import { ApiProperty } from '@nestjs/swagger';
import { TEXT_LANGUAGES, type TextLanguage } from '../../forms/render.util';
import {
  Authority,
  FORM_STYLES,
  type FormStyle,
  NOTIFICATION_CHANNEL_KINDS,
  type NotificationChannelKind,
} from '../authority.entity';

class NotificationChannelDto {
  @ApiProperty({ enum: NOTIFICATION_CHANNEL_KINDS }) kind: NotificationChannelKind;
  @ApiProperty() description: string;
}

export class AuthorityResponseDto {
  @ApiProperty({ example: 'no-datatilsynet' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'NO' }) country: string;
  @ApiProperty() website: string;
  @ApiProperty({ type: NotificationChannelDto }) notificationChannel: NotificationChannelDto;
  @ApiProperty({ example: 'Europe/Oslo', description: 'The zone instants are shown in to this authority' })
  timeZone: string;
  @ApiProperty({ enum: FORM_STYLES, description: 'The order and languages of its notification form' })
  formStyle: FormStyle;
  @ApiProperty({
    enum: TEXT_LANGUAGES,
    isArray: true,
    example: ['nb', 'en'],
    description: 'The languages of its form and of the notifications it receives; the first is the default',
  })
  languages: TextLanguage[];
}

export function mapAuthority(row: Authority): AuthorityResponseDto {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    website: row.website,
    notificationChannel: row.notificationChannel,
    timeZone: row.timeZone,
    formStyle: row.formStyle,
    languages: row.languages,
  };
}
