import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import type { Page } from './page';
import { PageRenderer } from './page-renderer.service';
import type { WebRequest } from './web-request';

/** Renders the Page a handler returns inside the layout, for the user who asked. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly renderer: PageRenderer) {}

  intercept(context: ExecutionContext, next: CallHandler<Page>): Observable<string> {
    const http = context.switchToHttp();
    const request = http.getRequest<WebRequest>();
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      map((page) => {
        response.status(page.status ?? 200).type('html');
        // Pages show one person's data: never kept by a shared cache or the browser's back-forward history.
        response.setHeader('Cache-Control', 'no-store');
        return this.renderer.render(request, page);
      }),
    );
  }
}
