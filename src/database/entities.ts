import { ApiKey } from '../access/api-key.entity';
import { AuthFailure } from '../access/auth-failure.entity';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { Agreement } from '../agreements/agreement.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Authority } from '../authorities/authority.entity';
import { ObligationAlert } from '../obligations/obligation-alert.entity';
import { Obligation } from '../obligations/obligation.entity';
import { IdempotencyRecord } from '../incidents/idempotency-record.entity';
import { IncidentController } from '../incidents/incident-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { ReferenceCounter } from '../incidents/reference-counter.entity';
import { TimelineEntry } from '../timeline/timeline-entry.entity';
import { Decision } from '../decisions/decision.entity';
import { FormAnswer } from '../forms/form-answer.entity';
import { FormPhase } from '../forms/form-phase.entity';
import { AssistanceEntry } from '../assistance/assistance-entry.entity';
import { ControllerInstruction } from '../filings/controller-instruction.entity';
import { OutboxAttempt } from '../outbox/outbox-attempt.entity';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { FilingDocument } from '../filings/filing-document.entity';
import { Filing } from '../filings/filing.entity';
import { DataController } from '../data-controllers/data-controller.entity';
import { NoticeJobItem } from '../notice-jobs/notice-job-item.entity';
import { NoticeJob } from '../notice-jobs/notice-job.entity';
import { AppUser } from '../users/user.entity';
import { UserSession } from '../users/user-session.entity';
import { UserToken } from '../users/user-token.entity';
import { RegimeVersion } from '../regimes/regime-version.entity';
import { Regime } from '../regimes/regime.entity';

/** Every entity of the service; the app and the migration CLI both read this list. */
export const ENTITIES = [
  Agreement,
  AgreementVersion,
  Regime,
  RegimeVersion,
  Authority,
  DataController,
  ApiKey,
  AuthFailure,
  AuditEntry,
  Incident,
  IncidentController,
  ReferenceCounter,
  IdempotencyRecord,
  TimelineEntry,
  Obligation,
  ObligationAlert,
  FormAnswer,
  FormPhase,
  Decision,
  Filing,
  FilingDocument,
  OutboxMessage,
  OutboxAttempt,
  ControllerInstruction,
  AssistanceEntry,
  NoticeJob,
  NoticeJobItem,
  AppUser,
  UserSession,
  UserToken,
];
