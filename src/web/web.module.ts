import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AssistanceModule } from '../assistance/assistance.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { FilingsModule } from '../filings/filings.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FormsModule } from '../forms/forms.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NoticeJobsModule } from '../notice-jobs/notice-jobs.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { RegisterModule } from '../register/register.module';
import { UsersModule } from '../users/users.module';
import { AssetsController } from './assets.controller';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor } from './page.interceptor';
import { PageRenderer } from './page-renderer.service';
import { AccountPage } from './pages/account.page';
import { AgreementsPage } from './pages/agreements.page';
import { BoardPage } from './pages/board.page';
import { ControllersPage } from './pages/controllers.page';
import { KeysPage } from './pages/keys.page';
import { PortalPage } from './pages/portal.page';
import { RegisterPage } from './pages/register.page';
import { SignInPage } from './pages/sign-in.page';
import { UsersPage } from './pages/users.page';
import { AuthorityFormPage } from './pages/authority-form.page';
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
    RegisterModule,
    IncidentsModule,
    FilingsModule,
    NoticeJobsModule,
    AssistanceModule,
    AgreementsModule,
    DataControllersModule,
    AuthoritiesModule,
    UsersModule,
    FormsModule,
    DecisionsModule,
  ],
  controllers: [
    AssetsController,
    BoardPage,
    RegisterPage,
    PortalPage,
    AgreementsPage,
    ControllersPage,
    KeysPage,
    SignInPage,
    AccountPage,
    UsersPage,
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
