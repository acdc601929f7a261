import { translate, uiKeys, uiTable } from './ui-strings';

describe('UI strings', () => {
  it('has every English key in bokmål, and nothing bokmål has that English lacks', () => {
    expect(Object.keys(uiTable('nb')).sort()).toEqual(uiKeys().sort());
  });

  it('gives German no key English lacks; a missing German text falls back to English', () => {
    expect(Object.keys(uiTable('de')).filter((k) => !uiKeys().includes(k))).toEqual([]);
    expect(translate('de', 'board.empty')).toBe(translate('en', 'board.empty'));
  });

  it('fills placeholders and refuses an unknown key', () => {
    expect(translate('nb', 'nav.signedInAs', { name: 'Kari', role: 'vakt' })).toBe(
      'Innlogget som Kari (vakt)',
    );
    expect(() => translate('en', 'no.such.key')).toThrow('No UI text');
  });
});
