/** Hostile reports: entity tricks, decompression bombs, deep nesting, truncation. Each costs one refusal. */
import { describe, expect, it } from 'vitest';
import { gzip, reportXml, zip } from '../support/report-fixtures.js';
import { extractBytes } from './collect.js';

const report = reportXml({ id: 'ok', rows: [{ ip: '192.0.2.1', count: 1 }] });

async function refusal(name: string, bytes: Buffer | string): Promise<string> {
  const found = await extractBytes(name, bytes);
  expect(found.aggregate).toEqual([]);
  expect(found.refused).toHaveLength(1);
  return found.refused[0]!.reason;
}

describe('XML entities are never expanded', () => {
  it('a billion-laughs DOCTYPE is refused before any expansion', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><feedback><report_metadata><org_name>&c;</org_name></report_metadata></feedback>`;
    expect(await refusal('laughs.xml', laughs)).toMatch(/DOCTYPE is not allowed/);
  });

  it('an external entity (XXE) is refused', async () => {
    expect(await refusal('xxe.xml', `<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><feedback>&x;</feedback>`)).toMatch(/DOCTYPE is not allowed/);
  });

  it('an undeclared entity is malformed XML', async () => {
    expect(await refusal('undef.xml', report.replace('<org_name>receiver.example', '<org_name>&xxe;'))).toMatch(/^malformed XML: .*undefined entity/i);
  });

  it('the predefined entities and character references are read', async () => {
    const found = await extractBytes('amp.xml', report.replace('<org_name>receiver.example', '<org_name>A &amp; B &#x41;'));
    expect(found.aggregate[0]!.report.orgName).toBe('A & B A');
  });
});

describe('decompression is capped', () => {
  it('a gzip bomb (64 MiB of zeros in 64 KB) is refused by ratio', async () => {
    const bomb = gzip(Buffer.concat([Buffer.from('<feedback>'), Buffer.alloc(64 * 1024 ** 2, 0x20)]));
    expect(await refusal('bomb.xml.gz', bomb)).toMatch(/expands more than 200 times/);
  });

  it('a zip bomb is refused from its central directory, before inflating', async () => {
    const bomb = await zip([{ name: 'bomb.xml', data: Buffer.alloc(64 * 1024 ** 2, 0x20) }]);
    expect(await refusal('bomb.zip', bomb)).toMatch(/expands more than 200 times/);
  });

  it('containers nested too deep are refused', async () => {
    let data: Buffer = Buffer.from(report);
    for (let i = 0; i < 6; i++) data = gzip(data);
    expect(await refusal('deep.gz', data)).toMatch(/nested more than 4 deep/);
  });

  it('a truncated gzip is refused, not read in part', async () => {
    const whole = gzip(reportXml({ id: 'big', rows: Array.from({ length: 2000 }, (_, i) => ({ ip: `10.0.${i >> 8}.${i & 255}`, count: 1 })) }));
    expect(await refusal('cut.gz', whole.subarray(0, whole.length / 2))).toMatch(/unexpected end of file/);
  });
});

describe('structure', () => {
  it('a report cut in the middle leaves no half report', async () => {
    const cut = reportXml({ id: 'cut', rows: [{ ip: '192.0.2.1', count: 1 }, { ip: '192.0.2.2', count: 1 }] });
    expect(await refusal('cut.xml', cut.slice(0, cut.lastIndexOf('<record>') + 20))).toMatch(/^malformed XML: .*unclosed tag/);
  });

  it('elements nested 10,000 deep are refused at 32', async () => {
    expect(await refusal('deep.xml', `<feedback>${'<x>'.repeat(10_000)}`)).toMatch(/nested deeper than 32/);
  });

  it('a report without report_id cannot be deduplicated and is refused', async () => {
    expect(await refusal('noid.xml', reportXml({ id: '', rows: [] }))).toMatch(/no report_id/);
  });

  it('XML that is not a report names its root element', async () => {
    expect(await refusal('rss.xml', '<rss><channel/></rss>')).toBe('not a DMARC aggregate report: no complete <feedback> element (the root element is <rss>)');
  });

  it('a binary file is refused as not a report', async () => {
    expect(await refusal('x.bin', Buffer.from([0, 1, 2, 3, 0xff]))).toMatch(/^not a report/);
  });

  it('huge element text is capped, not held', async () => {
    const found = await extractBytes('long.xml', report.replace('receiver.example', 'x'.repeat(5_000_000)));
    expect(found.aggregate[0]!.report.orgName).toHaveLength(1024);
  });
});
