import { Controller, Get } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import { ROLES, type Actor } from '../../access/roles';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { UsersService } from '../../users/users.service';
import { Page, WebPages } from '../page';

/** Admins: the people who sign in. Read through UsersService; every change posts to /users. */
@WebPages()
@Controller('ui/users')
export class UsersPage {
  constructor(
    private readonly users: UsersService,
    private readonly controllers: DataControllersService,
  ) {}

  @Get()
  @Access('admin')
  async list(@CurrentActor() actor: Actor): Promise<Page> {
    const [users, controllers] = await Promise.all([this.users.all(), this.controllers.all(actor)]);
    const names = new Map(controllers.map((c) => [c.id, c.name]));
    return {
      view: 'users',
      title: 'users.title',
      model: {
        users: users.map((u) => ({
          ...u,
          controllerName: u.controllerId ? (names.get(u.controllerId) ?? u.controllerId) : null,
          self: u.id === actor.userId,
          roles: ROLES.map((r) => ({ value: r, selected: r === u.role })),
          controllers: controllers.map((c) => ({
            id: c.id,
            name: c.name,
            selected: c.id === u.controllerId,
          })),
        })),
        roles: ROLES,
        controllers,
      },
    };
  }
}
