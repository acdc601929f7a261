import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  type Type as ClassType,
} from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';
import { flattenValidationErrors, RequestValidationException } from './validation';
import type { Request, Response } from 'express';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Far past any real page, and well inside what PostgreSQL's OFFSET (a bigint) takes. */
export const MAX_OFFSET = 1_000_000_000;

/** One page of a list: the rows, how many there are in all under the same filters, and where the page starts. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * `limit` and `offset` query parameters with a list's own default and maximum. Every list is bounded: a default
 * big enough that a caller of before (which got everything) still gets everything at today's sizes, and a maximum so
 * that no request can ask for an unbounded answer.
 */
export function PageQuery(bounds: { limit: number; max: number }) {
  class PageQueryDto {
    static readonly bounds = bounds;

    @ApiPropertyOptional({ default: bounds.limit, minimum: 1, maximum: bounds.max })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(bounds.max)
    limit: number = bounds.limit;

    @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(MAX_OFFSET)
    offset: number = 0;
  }
  return PageQueryDto;
}

export const PAGE_HEADERS = {
  'X-Total-Count': {
    description: 'How many rows the list has in all under these filters',
    schema: { type: 'integer' },
  },
  Link: {
    description:
      'RFC 8288 links to the neighbouring pages, `rel="next"` while rows follow this page (and `rel="prev"`); absent on a single page',
    schema: { type: 'string', example: '</controllers?limit=100&offset=100>; rel="next"' },
  },
} as const;

type PageQueryClass = ReturnType<typeof PageQuery>;

/**
 * `limit` and `offset` of the query string, checked against a `PageQuery` class (a 400 names each bad one), every
 * other parameter left alone: for the lists that took no query before paging, which ignored any parameter given, so
 * a client that sends one (a cache buster, a tracking tag) is not refused now. Lists with a query DTO of their own
 * extend `PageQuery` in it instead.
 */
export const PageParams = createParamDecorator((query: PageQueryClass, ctx: ExecutionContext) => {
  const { limit, offset } = ctx.switchToHttp().getRequest<Request>().query;
  const page = plainToInstance(query, {
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
  });
  const errors = validateSync(page);
  if (errors.length) throw new RequestValidationException(flattenValidationErrors(errors));
  return page;
});

/** Swagger for a list answered as a bare JSON array, paged by `limit`/`offset` and the page headers. */
export function ApiPagedArray(
  type: ClassType<unknown>,
  description?: string,
  /** The page's bounds, for a list that reads them with `PageParams` (a query DTO documents its own). */
  query?: PageQueryClass,
): MethodDecorator {
  return applyDecorators(
    ...(query
      ? [
          ApiQuery({
            name: 'limit',
            required: false,
            schema: { type: 'integer', default: query.bounds.limit, minimum: 1, maximum: query.bounds.max },
          }),
          ApiQuery({
            name: 'offset',
            required: false,
            schema: { type: 'integer', default: 0, minimum: 0, maximum: MAX_OFFSET },
          }),
        ]
      : []),
    ApiOkResponse({
      type: [type],
      description: `${description ? `${description}. ` : ''}One page (limit, offset); X-Total-Count and Link tell whether more follow`,
      headers: PAGE_HEADERS,
    }),
  );
}

/**
 * Sets the page headers and returns the rows, for a list whose body is a bare array: `X-Total-Count`, and a `Link`
 * with `rel="next"` (and `rel="prev"`) built from the request's own URL, every other parameter kept. A caller that
 * never read headers still gets the same array as before, and the header tells a client when a default cut it short.
 */
export function sendPage<T>(req: Request, res: Response, page: Page<T>): T[] {
  res.setHeader('X-Total-Count', String(page.total));
  const link = pageLinks(req.originalUrl, page);
  if (link) res.setHeader('Link', link);
  return page.items;
}

/** The Link header for a page of the list at `url` (path and query), or null when it is the only page. */
export function pageLinks(url: string, page: Omit<Page<unknown>, 'items'>): string | null {
  const links: string[] = [];
  if (page.offset + page.limit < page.total)
    links.push(linkTo(url, page.limit, page.offset + page.limit, 'next'));
  if (page.offset > 0) links.push(linkTo(url, page.limit, Math.max(0, page.offset - page.limit), 'prev'));
  return links.length ? links.join(', ') : null;
}

function linkTo(url: string, limit: number, offset: number, rel: string): string {
  const [path, search = ''] = url.split('?', 2);
  const params = new URLSearchParams(search);
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return `<${path}?${params.toString()}>; rel="${rel}"`;
}

/**
 * How many rows the list has in all: known from the page itself when it is its last (short, and not past the end),
 * else a plain count(*) under the same filters, which reads the same index as the page (only the index, where the
 * table is vacuumed) rather than TypeORM's getCount, a COUNT(DISTINCT id) that sorts every id.
 */
export async function pageTotal<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  rowsOnPage: number,
  page: { limit: number; offset: number },
): Promise<number> {
  if (rowsOnPage < page.limit && (rowsOnPage > 0 || page.offset === 0)) return page.offset + rowsOnPage;
  const counted = await qb
    .clone()
    .select('count(*)', 'total')
    .orderBy()
    .limit(undefined)
    .offset(undefined)
    .getRawOne<{ total: string }>();
  return Number(counted?.total ?? 0);
}
