import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '../src/access/roles';
import type { UserDto } from '../src/users/dto/user.dto';
import { UsersService } from '../src/users/users.service';
import type { UiLocale } from '../src/web/i18n/ui-strings';

let n = 0;

export interface PersonOptions {
  role: Role;
  controllerId?: string;
  locale?: UiLocale;
  timeZone?: string;
  name?: string;
  email?: string;
}

export interface Person {
  user: UserDto;
  email: string;
  password: string;
}

/** Makes a user with a password directly through the service (test set-up, not the API under test). */
export async function createPerson(app: NestExpressApplication, options: PersonOptions): Promise<Person> {
  const email = options.email ?? `${options.role}-${Date.now().toString(36)}-${n++}@people.example`;
  const password = `correct horse battery ${options.role} ${n}`;
  const user = await app.get(UsersService).create(
    null,
    {
      email,
      name: options.name ?? `Test ${options.role}`,
      role: options.role,
      controllerId: options.controllerId,
      locale: options.locale,
      timeZone: options.timeZone,
    },
    password,
  );
  return { user, email, password };
}
