import type { AuthenticatedRequest } from '../access/access.decorator';
import type { UiLocale } from './i18n/ui-strings';

/** The person signed in to the browser, as the pages need them: whom to greet, which language, which zone. */
export interface WebUser {
  id: string;
  email: string;
  name: string;
  locale: UiLocale;
  timeZone: string;
}

/**
 * A request that reached a page. The access guard puts `actor` on it (from a session or a key); with a session it also
 * puts the person and the session's CSRF token, which every state-changing request from the page must echo.
 */
export interface WebRequest extends AuthenticatedRequest {
  webUser?: WebUser;
  csrfToken?: string;
}
