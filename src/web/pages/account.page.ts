import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentActor, DuringEnrolment } from '../../access/access.decorator';
import { ROLES, type Actor } from '../../access/roles';
import { UsersService } from '../../users/users.service';
import { UI_LOCALES } from '../i18n/ui-strings';
import { Page, WebPages } from '../page';

/** Every zone the runtime knows, UTC first: the choices of the zone field. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

/** The person's own account: language, zone, password, second factor. Writes go to PATCH /auth/me and /auth/totp. */
@WebPages()
@Controller('ui/account')
export class AccountPage {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(...ROLES)
  @DuringEnrolment()
  async account(@CurrentActor() actor: Actor, @Query('enrol') enrol: unknown): Promise<Page> {
    const me = await this.users.me(actor);
    const mustEnrol = this.users.mustEnrol(me);
    return {
      view: 'account',
      title: 'account.title',
      model: {
        me,
        mustEnrol,
        enrolAsked: enrol === '1' || mustEnrol,
        locales: UI_LOCALES.map((l) => ({ value: l, selected: l === me.locale })),
        zones: ZONES.map((z) => ({ value: z, selected: z === me.timeZone })),
      },
    };
  }
}
