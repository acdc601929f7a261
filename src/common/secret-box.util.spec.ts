import { randomBytes } from 'node:crypto';
import { isSealed, openSecret, sealSecret } from './secret-box.util';

describe('secret box', () => {
  const key = randomBytes(32);
  const context = 'data_controller.webhook_secret:7f0c1e8e-0000-4000-8000-000000000001';

  it('seals a secret so that only the same key and context open it', () => {
    const sut = sealSecret(key, 'whsec_abc', context);
    expect(sut).toMatch(/^aes-256-gcm:v1:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(sut).not.toContain('whsec_abc');
    expect(isSealed(sut)).toBe(true);
    expect(openSecret(key, sut, context)).toBe('whsec_abc');
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    expect(sealSecret(key, 'whsec_abc', context)).not.toBe(sealSecret(key, 'whsec_abc', context));
  });

  it('refuses another key, another context, an altered value and a plain one', () => {
    const sealed = sealSecret(key, 'whsec_abc', context);
    expect(() => openSecret(randomBytes(32), sealed, context)).toThrow(/does not open/);
    expect(() => openSecret(key, sealed, `${context}x`)).toThrow(/does not open/);
    const [prefix, version, iv, ciphertext, tag] = sealed.split(':');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    const altered = [prefix, version, iv, flipped.toString('base64url'), tag].join(':');
    expect(() => openSecret(key, altered, context)).toThrow(/does not open/);
    expect(() => openSecret(key, 'whsec_abc', context)).toThrow(/Not a sealed secret/);
    expect(isSealed('whsec_abc')).toBe(false);
  });
});
