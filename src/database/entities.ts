import { ApiKey } from '../access/api-key.entity';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { Agreement } from '../agreements/agreement.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Authority } from '../authorities/authority.entity';
import { DataController } from '../data-controllers/data-controller.entity';

/** Every entity of the service; the app and the migration CLI both read this list. */
export const ENTITIES = [Agreement, AgreementVersion, Authority, DataController, ApiKey, AuditEntry];
