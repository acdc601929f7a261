import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { SessionsService } from './sessions.service';
import { AppUser } from './user.entity';
import { UserSession } from './user-session.entity';
import { UserToken } from './user-token.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** People: accounts, sessions, one-time links. The access guard reads sessions through SessionsService. */
@Module({
  imports: [TypeOrmModule.forFeature([AppUser, UserSession, UserToken])],
  controllers: [UsersController, AuthController],
  providers: [UsersService, SessionsService],
  exports: [UsersService, SessionsService],
})
export class UsersModule implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService) {}

  /** The first run: while no user exists, each start prints a new one-time link that creates the first admin. */
  async onApplicationBootstrap(): Promise<void> {
    const link = await this.users.firstRunLink();
    if (link) this.users.announceFirstRun(link);
  }
}
