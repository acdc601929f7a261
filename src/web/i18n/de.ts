import type { EN } from './en';

/** Deutsch: what is here is used, anything missing falls back to English. */
export const DE: Partial<Record<keyof typeof EN, string>> = {
  'app.skip': 'Zum Inhalt springen',
  'nav.label': 'Hauptmenü',
  'nav.board': 'Bereitschaftsübersicht',
  'nav.newIncident': 'Vorfall erfassen',
  'nav.incidents': 'Vorfälle',
  'nav.register': 'Verzeichnis',
  'nav.agreements': 'Verträge',
  'nav.controllers': 'Verantwortliche',
  'nav.users': 'Benutzer',
  'nav.keys': 'API-Schlüssel',
  'nav.portal': 'Unsere Meldungen',
  'nav.signOut': 'Abmelden',
  'board.title': 'Bereitschaftsübersicht',
  'board.overdue': 'ÜBERFÄLLIG',
  'status.overdue': 'überfällig',
  'error.notFound': 'Nicht gefunden',
};
