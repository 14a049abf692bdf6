/** Our own fixtures for each container, schema and encoding real reporters use. */
import { describe, expect, it } from 'vitest';
import { email, gzip, mbox, partText, reportXml, zip } from '../support/report-fixtures.js';
import { extractBytes } from './collect.js';

const xml = (id: string, extra: Partial<Parameters<typeof reportXml>[0]> = {}): string =>
  reportXml({ id, rows: [{ ip: '192.0.2.1', count: 3, dkim: 'pass', spf: 'fail', dkimAuth: [{ domain: 'example.com', selector: 's1', result: 'pass' }] }], ...extra });
const ids = (found: Awaited<ReturnType<typeof extractBytes>>): string[] => found.aggregate.map((a) => a.report.reportId);

describe('schemas and encodings', () => {
  it('RFC 9990 (namespace) and RFC 7489 (none) read the same', async () => {
    const a = (await extractBytes('a.xml', xml('a', { rfc9990: true }))).aggregate[0]!.report;
    const b = (await extractBytes('b.xml', xml('a'))).aggregate[0]!.report;
    expect(a.records).toEqual(b.records);
    expect(a.policy.np).toBe('reject');
  });

  it('a UTF-8 byte-order mark and blank lines before the declaration', async () => {
    expect(ids(await extractBytes('bom.xml', `\ufeff\n\n${xml('bom')}`))).toEqual(['bom']);
  });

  it('UTF-16LE with its byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml('u16').replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expect(ids(await extractBytes('u16.xml', bytes))).toEqual(['u16']);
  });

  it('records with the same fields are merged, counts added', async () => {
    const report = (await extractBytes('m.xml', reportXml({ id: 'm', rows: [{ ip: '192.0.2.1', count: 2 }, { ip: '192.0.2.1', count: 5 }, { ip: '192.0.2.2', count: 1 }] }))).aggregate[0]!.report;
    expect(report.records.map((r) => [r.sourceIp, r.count])).toEqual([['192.0.2.1', 7], ['192.0.2.2', 1]]);
  });

  it('several auth results and override reasons are kept', async () => {
    const spec = { ip: '2001:db8::1', count: 1, reasons: ['forwarded', 'Local_Policy'], dkimAuth: [{ domain: 'example.com', selector: 'a', result: 'fail' }, { domain: 'esp.example', selector: 'b', result: 'pass' }], spfAuth: [{ domain: 'esp.example', scope: 'mfrom', result: 'softfail' }] };
    const record = (await extractBytes('r.xml', reportXml({ id: 'r', rows: [spec] }))).aggregate[0]!.report.records[0]!;
    expect(record).toMatchObject({ sourceIp: '2001:db8::1', reasons: ['forwarded', 'local_policy'], dkimResults: [{ domain: 'example.com' }, { domain: 'esp.example', selector: 'b', result: 'pass' }], spfResults: [{ scope: 'mfrom', result: 'softfail' }] });
  });

  it('a bad record is skipped with its line; the others are read', async () => {
    const found = await extractBytes('bad.xml', reportXml({ id: 'bad', rows: [{ ip: '192.0.2.1', count: 1 }, { ip: 'not-an-ip', count: 1 }, { ip: '192.0.2.3', count: -1 }] }));
    expect(found.aggregate[0]!.report.records.map((r) => r.sourceIp)).toEqual(['192.0.2.1']);
    expect(found.warnings[0]!.message).toMatch(/^2 records skipped: line \d+: source_ip "not-an-ip" is not an IP address \(and 1 more\)$/);
  });
});

describe('containers', () => {
  it('.gz and .zip with two reports (and a file that is not one)', async () => {
    expect(ids(await extractBytes('r.xml.gz', gzip(xml('gz'))))).toEqual(['gz']);
    const archive = await zip([{ name: 'one.xml', data: xml('z1') }, { name: 'two.xml', data: xml('z2'), store: true }, { name: 'README.txt', data: 'hello' }]);
    const found = await extractBytes('r.zip', archive);
    expect(ids(found)).toEqual(['z1', 'z2']);
    expect(found.refused).toEqual([{ origin: 'r.zip > README.txt', reason: expect.stringMatching(/^not a report/) }]);
  });

  it('an e-mail with every attachment type and encoding reporters use', async () => {
    const message = email('several', [
      { type: 'application/gzip', name: 'a.xml.gz', data: gzip(xml('att-gzip')) },
      { type: 'application/zip', name: 'b.zip', data: await zip([{ name: 'b.xml', data: xml('att-zip') }]) },
      { type: 'text/xml', name: 'c.xml', data: xml('att-qp'), encoding: 'quoted-printable' },
      { type: 'application/octet-stream', data: gzip(xml('att-octet')) },
      { type: 'image/png', name: 'logo.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    const found = await extractBytes('m.eml', message);
    expect(ids(found)).toEqual(['att-gzip', 'att-zip', 'att-qp', 'att-octet']);
    expect(found.refused).toEqual([]);
  });

  it('nested multiparts and a forwarded message/rfc822', async () => {
    const inner = `Content-Type: multipart/alternative; boundary="inner"\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nhi\r\n--inner\r\n${partText({ type: 'application/xml', name: 'n.xml', data: xml('nested') })}--inner--\r\n`;
    const forwarded = `Content-Type: message/rfc822\r\n\r\n${email('fwd', [{ type: 'application/gzip', name: 'f.gz', data: gzip(xml('forwarded')) }], 'fwd_b')}`;
    expect(ids(await extractBytes('n.eml', email('nested', [inner, forwarded])))).toEqual(['nested', 'forwarded']);
  });

  it('an e-mail without a report is refused as such', async () => {
    const found = await extractBytes('none.eml', email('nothing', [{ type: 'application/pdf', name: 'x.pdf', data: '%PDF-1.4' }]));
    expect(found.refused).toEqual([{ origin: 'none.eml', reason: 'no report in this message' }]);
  });

  it('an mbox: every message, "From " body lines unquoted, a message without a report named', async () => {
    const text = mbox([
      email('first', [{ type: 'text/xml', name: 'a.xml', data: xml('mbox-1'), encoding: '7bit' }]),
      'From: someone@example.com\r\nSubject: hello\r\n\r\nFrom here on, no report.\r\n',
      email('third', [{ type: 'application/gzip', name: 'c.gz', data: gzip(xml('mbox-3')) }]),
    ]);
    const found = await extractBytes('box.mbox', text);
    expect(ids(found)).toEqual(['mbox-1', 'mbox-3']);
    expect(found.refused).toEqual([{ origin: 'box.mbox > message 2', reason: 'no report in this message' }]);
  });

  it('JSON SMTP TLS report inside gzip', async () => {
    const tls = { 'organization-name': 'R', 'date-range': { 'start-datetime': '2024-01-01T00:00:00Z', 'end-datetime': '2024-01-01T23:59:59Z' }, 'report-id': 't1', policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'Example.com' }, summary: { 'total-successful-session-count': 9, 'total-failure-session-count': 1 }, 'failure-details': [{ 'result-type': 'certificate-expired', 'receiving-mx-hostname': 'MX.example.com', 'failed-session-count': 1 }] }] };
    const found = await extractBytes('t.json.gz', gzip(JSON.stringify(tls)));
    expect(found.tls[0]!.report.policies[0]).toEqual({ policyType: 'sts', policyDomain: 'example.com', mxHosts: [], successfulSessions: 9, failedSessions: 1, failures: [{ resultType: 'certificate-expired', receivingMx: 'mx.example.com', sessions: 1 }] });
  });
});
