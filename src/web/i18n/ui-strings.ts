import { EN } from './en';
import { NB } from './nb';
import { DE } from './de';

export const UI_LOCALES = ['en', 'nb', 'de'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export type UiKey = keyof typeof EN;

/**
 * The UI's words. English is complete by type; bokmål must be complete too (the spec checks it); German may lag and
 * falls back to English key by key.
 */
const TABLES: Record<UiLocale, Partial<Record<UiKey, string>>> = { en: EN, nb: NB, de: DE };

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** The text of `key` in `locale`, with `{name}` placeholders filled. An unknown key is a programming error. */
export function translate(locale: UiLocale, key: string, vars: Record<string, unknown> = {}): string {
  const text = TABLES[locale][key as UiKey] ?? EN[key as UiKey];
  if (text === undefined) throw new Error(`No UI text for "${key}"`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Every key of the English table: for the spec that keeps the other tables complete. */
export function uiKeys(): string[] {
  return Object.keys(EN);
}

export function uiTable(locale: UiLocale): Partial<Record<UiKey, string>> {
  return TABLES[locale];
}
