/** An optional instant as ISO 8601 UTC, as every response gives it. */
export function isoOrNull(d: Date | null): string | null {
  return d?.toISOString() ?? null;
}
