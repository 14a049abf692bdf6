import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomainLine } from '../../src/input/domain-line.js';
import { MAX_LINE_LENGTH, readLines } from '../../src/input/read-lines.js';

async function lines(chunks: (string | Uint8Array)[]) {
  const out = [];
  for await (const batch of readLines((async function* () { yield* chunks; })())) out.push(...batch);
  return out;
}

describe('readLines', () => {
  it.each([
    ['LF', ['a\nb\n'], ['a', 'b']],
    ['CRLF', ['a\r\nb\r\n'], ['a', 'b']],
    ['no final newline', ['a\nb'], ['a', 'b']],
    ['split across chunks', ['exa', 'mple.com\nb', '\n'], ['example.com', 'b']],
    ['blank lines kept for numbering', ['a\n\n\nb\n'], ['a', '', '', 'b']],
    ['UTF-8 BOM', [new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a])], ['a']],
    ['UTF-16LE with BOM', [new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0a, 0, 0x62, 0])], ['a', 'b']],
    ['UTF-16BE with BOM', [new Uint8Array([0xfe, 0xff, 0, 0x61, 0, 0x0a])], ['a']],
    ['UTF-16LE without BOM (a NUL after the first character)', [new Uint8Array([0x61, 0, 0x0a, 0, 0x62, 0])], ['a', 'b']],
    ['UTF-16BE without BOM (a NUL before it)', [new Uint8Array([0, 0x61, 0, 0x0a])], ['a']],
    ['UTF-8 split inside a character', [new Uint8Array([0x62, 0xc3]), new Uint8Array([0xbc, 0x0a])], ['bü']],
    ['invalid UTF-8', [new Uint8Array([0x61, 0xff, 0x0a])], ['a\ufffd']],
  ])('%s', async (_name, chunks, expected) => {
    expect((await lines(chunks as (string | Uint8Array)[])).map((l) => l.text)).toEqual(expected);
  });

  it('numbers lines from 1 and caps a huge line without keeping it', async () => {
    const result = await lines(['ok\n', 'x'.repeat(MAX_LINE_LENGTH * 3), '\nlast\n']);
    expect(result.map((l) => [l.number, l.text.length, l.truncated])).toEqual([
      [1, 2, false],
      [2, MAX_LINE_LENGTH, true],
      [3, 4, false],
    ]);
  });

  it('loses no line, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[a-z.]{0,12}$/), { maxLength: 20 }), fc.integer({ min: 1, max: 7 }), async (items, size) => {
        const text = items.map((i) => `${i}\n`).join('');
        const chunks = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        expect((await lines(chunks)).map((l) => l.text)).toEqual(items);
      }),
    );
  });
});

describe('parseDomainLine', () => {
  it.each([
    ['a domain', 'example.com', true, { kind: 'domain', domain: 'example.com' }],
    ['white space around', '  Example.COM.  ', false, { kind: 'domain', domain: 'example.com' }],
    ['blank', '   ', false, { kind: 'skip' }],
    ['comment', '# my domains', true, { kind: 'skip' }],
    ['CSV first column', 'example.org,42,foo', false, { kind: 'domain', domain: 'example.org' }],
    ['quoted CSV column', '"example.net",x', false, { kind: 'domain', domain: 'example.net' }],
    ['CSV header recognised', 'domain,rank', true, { kind: 'header' }],
    ['CSV header only on the first data line', 'domain,rank', false, { kind: 'invalid' }],
    ['not a domain', 'not a domain', true, { kind: 'invalid' }],
    ['URL', 'https://example.com/', false, { kind: 'invalid', error: expect.stringContaining('example.com') }],
    ['IDN', 'bücher.example', false, { kind: 'domain', domain: 'xn--bcher-kva.example' }],
  ])('%s', (_name, raw, first, expected) => {
    expect(parseDomainLine(raw, 7, first)).toMatchObject({ line: 7, ...expected });
  });
});
