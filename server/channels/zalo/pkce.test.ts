import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, createOAuthState } from './pkce.js';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes fresh 43-character verifiers and unguessable states', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createCodeVerifier()).not.toBe(verifier);
    expect(createOAuthState()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
