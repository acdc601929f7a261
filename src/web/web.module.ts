import { Module } from '@nestjs/common';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { UsersModule } from '../users/users.module';
import { AssetsController } from './assets.controller';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor } from './page.interceptor';
import { PageRenderer } from './page-renderer.service';
import { AccountPage } from './pages/account.page';
import { BoardPage } from './pages/board.page';
import { SignInPage } from './pages/sign-in.page';
import { UsersPage } from './pages/users.page';

/**
 * The browser's way in: server-rendered pages over the same services as the API. Pages read through the services;
 * their forms post JSON to the API itself, so there is one validation, one set of access rules and one audit.
 */
@Module({
  imports: [ObligationsModule, UsersModule, DataControllersModule],
  controllers: [AssetsController, BoardPage, SignInPage, AccountPage, UsersPage],
  providers: [PageRenderer, PageInterceptor, PageExceptionFilter],
})
export class WebModule {}
