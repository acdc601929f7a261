import { Module } from '@nestjs/common';
import { ObligationsModule } from '../obligations/obligations.module';
import { AssetsController } from './assets.controller';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor } from './page.interceptor';
import { PageRenderer } from './page-renderer.service';
import { BoardPage } from './pages/board.page';

/**
 * The browser's way in: server-rendered pages over the same services as the API. Pages read through the services;
 * their forms post JSON to the API itself, so there is one validation, one set of access rules and one audit.
 */
@Module({
  imports: [ObligationsModule],
  controllers: [AssetsController, BoardPage],
  providers: [PageRenderer, PageInterceptor, PageExceptionFilter],
})
export class WebModule {}
