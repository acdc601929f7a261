import { DataControllerListQueryDto } from '../../data-controllers/dto/data-controller.dto';
import { ApiKeyListQueryDto } from '../../access/dto/api-key.dto';
import { Controller, Get } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import { ApiKeysService } from '../../access/api-keys.service';
import { ROLES, type Actor } from '../../access/roles';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { Page, WebPages } from '../page';

/** API keys, for admins: listed through ApiKeysService (never the key itself), made and revoked by /keys. */
@WebPages()
@Controller('ui/keys')
export class KeysPage {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly controllers: DataControllersService,
  ) {}

  @Get()
  @Access('admin')
  async list(@CurrentActor() actor: Actor): Promise<Page> {
    const controllers = (await this.controllers.list(actor, new DataControllerListQueryDto())).items;
    const names = new Map(controllers.map((c) => [c.id, c.name]));
    const keys = (await this.keys.list(new ApiKeyListQueryDto())).items.map((k) => ({
      ...k,
      controllerName: k.controllerId ? (names.get(k.controllerId) ?? k.controllerId) : null,
    }));
    return {
      view: 'keys',
      title: 'keys.title',
      model: {
        active: keys.filter((k) => !k.revokedAt),
        revoked: keys.filter((k) => k.revokedAt),
        roles: ROLES,
        controllers,
      },
    };
  }
}
