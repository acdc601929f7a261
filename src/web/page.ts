import { applyDecorators, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor } from './page.interceptor';

/**
 * What a page handler returns: the view under templates/web/pages, the title (a string-table key) and the model the
 * view reads. The interceptor renders it inside the layout; the handler never touches the response.
 */
export interface Page {
  view: string;
  /** A key of the UI string table; the title shown is its text in the user's language. */
  title: string;
  /** Values for the title's placeholders, e.g. an incident's reference. */
  titleVars?: Record<string, string>;
  model?: Record<string, unknown>;
  status?: number;
}

/**
 * Marks a controller as serving HTML pages: its handlers return a Page, its errors become pages (a sign-in redirect,
 * a not-found page) instead of JSON. Access is declared per handler with @Access, exactly as on the API.
 */
export function WebPages(): ClassDecorator {
  return applyDecorators(
    ApiExcludeController(),
    UseInterceptors(PageInterceptor),
    UseFilters(PageExceptionFilter),
  );
}
