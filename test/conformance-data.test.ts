import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR, conformanceState, REQUIRED_VARIABLE } from './support/conformance.js';

describe('conformance data', () => {
  const suite = new URL('rfc7208-tests.yml', CONFORMANCE_DIR);
  const absent = () => false;

  it('runs a suite whose files are there', () => {
    expect(conformanceState([suite], {}, () => true)).toEqual({ run: true });
  });

  it('skips a suite whose data is absent when nobody requires it (a clone without ../shared)', () => {
    expect(conformanceState([suite], {}, absent)).toMatchObject({ run: false, required: false, missing: [expect.stringMatching(/shared\/conformance\/rfc7208-tests\.yml$/)] });
  });

  it(`fails it instead when ${REQUIRED_VARIABLE}=required`, () => {
    expect(conformanceState([suite], { [REQUIRED_VARIABLE]: 'required' }, absent)).toMatchObject({ run: false, required: true });
  });

  it('is looked for beside the project root: ../shared/conformance/', () => {
    expect(CONFORMANCE_DIR.href).toBe(new URL('../../shared/conformance/', import.meta.url).href);
  });
});
