import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZoneParseError } from '../../src/zone/lexer.js';
import { parseZone } from '../../src/zone/parser.js';
import { runs } from './runs.js';

const TOKENS = ['$ORIGIN', '$TTL', '$INCLUDE', ' ', '\t', '\n', '\r\n', '(', ')', ';', '"', '\\', '\\0', '\\255', '\\999', '@', '.', 'example.test.', 'www',
  'IN', 'CH', '3600', '1h', 'A', 'AAAA', 'MX', 'TXT', 'SOA', 'CNAME', 'TLSA', 'SRV', '192.0.2.1', '::1', '10', 'ab', 'é', '\u0000', '*'];
const zoneish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((tokens) => tokens.join(' '));

function parsesOrSaysWhere(input: Buffer | string): void {
  try {
    parseZone(input, { file: 'z.zone' });
  } catch (error) {
    expect(error).toBeInstanceOf(ZoneParseError);
    expect((error as ZoneParseError).line).toBeGreaterThanOrEqual(1);
  }
}

/** A label as a zone file may hold it unescaped. */
const label = fc.stringMatching(/^[a-z0-9_][a-z0-9-]{0,15}$/);
const txtString = fc.uint8Array({ maxLength: 255 }).map((bytes) => Buffer.from(bytes));
/** Every byte written as \DDD, or as itself when it needs no escape. */
const quoted = (bytes: Buffer, escapeAll: boolean): string =>
  `"${[...bytes].map((b) => (escapeAll || b < 0x20 || b > 0x7e || b === 0x22 || b === 0x5c || b === 0x3b ? `\\${String(b).padStart(3, '0')}` : String.fromCharCode(b))).join('')}"`;

describe('parseZone properties', () => {
  it('parses or throws ZoneParseError with a line, on arbitrary bytes and token soup', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => parsesOrSaysWhere(Buffer.from(bytes))), { numRuns: runs(2000) });
    fc.assert(fc.property(zoneish, parsesOrSaysWhere), { numRuns: runs(3000) });
  });

  it('reads back TXT records however they are written: relative or absolute owners, TTL and class in either order, parentheses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ owner: label, ttl: fc.integer({ min: 0, max: 2 ** 31 - 1 }), strings: fc.array(txtString, { minLength: 1, maxLength: 3 }), style: fc.nat(7) }), { minLength: 1, maxLength: 8 }),
        (records) => {
          const lines = records.map(({ owner, ttl, strings, style }) => {
            const name = style & 1 ? `${owner}.example.test.` : owner;
            const head = style & 2 ? `${ttl} IN` : `IN ${ttl}`;
            const data = strings.map((s) => quoted(s, (style & 4) !== 0));
            return `${name} ${head} TXT ${style & 4 ? `( ${data.join('\n ; comment\n  ')} )` : data.join(' ')}`;
          });
          const parsed = parseZone(`$ORIGIN example.test.\n${lines.join('\n')}\n`).records;
          expect(parsed.map((record) => [record.name, record.ttl, record.type === 'TXT' ? record.data : null])).toEqual(
            records.map(({ owner, ttl, strings }) => [`${owner}.example.test`, ttl, strings]),
          );
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
