import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FilingsModule } from '../filings/filings.module';
import { FormsModule } from '../forms/forms.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { AssetsController } from './assets.controller';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor } from './page.interceptor';
import { PageRenderer } from './page-renderer.service';
import { AuthorityFormPage } from './pages/authority-form.page';
import { BoardPage } from './pages/board.page';
import { DecisionsPage } from './pages/decisions.page';
import { IncidentPage } from './pages/incident.page';
import { IncidentsPage } from './pages/incidents.page';
import { LettersPage } from './pages/letters.page';
import { NewIncidentPage } from './pages/new-incident.page';
import { WalkThroughPage } from './pages/walk-through.page';

/**
 * The browser's way in: server-rendered pages over the same services as the API. Pages read through the services;
 * their forms post JSON to the API itself, so there is one validation, one set of access rules and one audit.
 */
@Module({
  imports: [
    ObligationsModule,
    IncidentsModule,
    DataControllersModule,
    AgreementsModule,
    FormsModule,
    DecisionsModule,
    FilingsModule,
  ],
  controllers: [
    AssetsController,
    BoardPage,
    // Before IncidentPage: /ui/incidents/new is not an incident's id.
    NewIncidentPage,
    IncidentsPage,
    IncidentPage,
    WalkThroughPage,
    DecisionsPage,
    LettersPage,
    AuthorityFormPage,
  ],
  providers: [PageRenderer, PageInterceptor, PageExceptionFilter],
})
export class WebModule {}
