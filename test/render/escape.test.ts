import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../../src/render/escape.js';
import { wrapText } from '../../src/render/wrap.js';

describe('escapeForTerminal', () => {
  it.each([
    ['plain text', 'v=spf1 -all', 'v=spf1 -all'],
    ['ANSI colour', '\u001b[31mred', '\\x1b[31mred'],
    ['OSC title', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['C1 CSI', '\u009b31m', '\\x9b31m'],
    ['carriage return', 'a\rb', 'a\\x0db'],
    ['bidi override', 'abc\u202edcba', 'abc\\u202edcba'],
    ['zero-width space', 'a\u200bb', 'a\\u200bb'],
    ['backslash doubled', 'a\\x1b', 'a\\\\x1b'],
    ['non-ASCII letters kept', 'bücher', 'bücher'],
  ])('%s', (_name, input, expected) => {
    expect(escapeForTerminal(input)).toBe(expected);
  });

  it('never lets a control character through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeForTerminal(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});

describe('wrapText', () => {
  it.each([
    ['short', 'a b c', 10, ['a b c']],
    ['breaks at spaces', 'aaa bbb ccc', 7, ['aaa bbb', 'ccc']],
    ['cuts a long word', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['empty', '', 10, ['']],
  ])('%s', (_name, text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  it('keeps every line within the width and loses no characters', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 100 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});
