import { pageLinks } from './paging';

describe(pageLinks.name, () => {
  it('links the next page, keeping every other parameter', () => {
    expect(pageLinks('/controllers?name=a%20b&limit=2', { total: 5, limit: 2, offset: 0 })).toBe(
      '</controllers?name=a+b&limit=2&offset=2>; rel="next"',
    );
  });

  it('links next and prev in the middle, prev alone on the last page', () => {
    expect(pageLinks('/keys', { total: 5, limit: 2, offset: 2 })).toBe(
      '</keys?limit=2&offset=4>; rel="next", </keys?limit=2&offset=0>; rel="prev"',
    );
    expect(pageLinks('/keys?offset=4&limit=2', { total: 5, limit: 2, offset: 4 })).toBe(
      '</keys?offset=2&limit=2>; rel="prev"',
    );
  });

  it('has no next on the last full page, and no link at all on a single page', () => {
    expect(pageLinks('/keys', { total: 4, limit: 2, offset: 2 })).toBe(
      '</keys?limit=2&offset=0>; rel="prev"',
    );
    expect(pageLinks('/keys', { total: 2, limit: 2, offset: 0 })).toBeNull();
    expect(pageLinks('/keys', { total: 0, limit: 100, offset: 0 })).toBeNull();
  });

  it('never links a prev before the start', () => {
    expect(pageLinks('/keys?offset=1', { total: 3, limit: 2, offset: 1 })).toBe(
      '</keys?offset=0&limit=2>; rel="prev"',
    );
  });
});
