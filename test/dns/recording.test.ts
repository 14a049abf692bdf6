import { PassThrough } from 'node:stream';
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { classifyReply } from '../../src/dns/classify.js';
import { withRecording } from '../../src/dns/record.js';
import { loadRecording, MAX_RECORDING_LINE_BYTES } from '../../src/dns/replay.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { parseReply } from '../../src/dns/wire-decode.js';

const OUTCOMES: Record<string, LookupResult> = {
  'TXT example.test': { status: 'answer', records: ['v=spf1 -all', 'caf\u00e9 \u202e'], canonicalName: 'example.test', authenticated: true },
  'MX example.test': { status: 'answer', records: [{ preference: 10, exchange: 'mx.example.test' }], canonicalName: 'example.test' },
  'TXT gone.test': { status: 'nxdomain', authenticated: true },
  'TLSA _25._tcp.mx.example.test': { status: 'answer', records: [{ usage: 3, selector: 1, matchingType: 1, certificate: '00ff' }], canonicalName: '_25._tcp.mx.example.test', authenticated: true },
  'A example.test': { status: 'nodata' },
  'TXT slow.test': { status: 'timeout', detail: 'slow.test TXT: 127.0.0.1:53: no reply within 2000 ms' },
  'TXT broken.test': { status: 'servfail', detail: 'SERVFAIL' },
};
const prepared: Resolver = {
  resolve: async <T extends RecordType>(name: string, type: T) => (OUTCOMES[`${type} ${name}`] ?? { status: 'nxdomain' }) as LookupResult<T>,
};

/** Records every prepared question through withRecording and returns the file's text. */
async function record(): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const recorder = withRecording(prepared, { stream, commit: async () => void stream.end() }, { tool: 'dmarc-audit', version: '9.9.9', nameservers: ['127.0.0.1:53'] });
  for (const key of Object.keys(OUTCOMES)) {
    const [type, name] = key.split(' ') as [RecordType, string];
    await recorder.resolver.resolve(name, type);
  }
  await recorder.finish();
  return Buffer.concat(chunks).toString('utf8');
}

const replayOf = (text: string | Iterable<Buffer>, file = 'rec.ndjson') => loadRecording(typeof text === 'string' ? [Buffer.from(text)] : text, file);

describe('DNS recording and replay', () => {
  it('replays every recorded outcome as it was, the AD bit included', async () => {
    const text = await record();
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ recording: 'dmarc-audit DNS answers', format: 1, tool: 'dmarc-audit', version: '9.9.9', nameservers: ['127.0.0.1:53'], started: expect.any(String) });
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ end: true, questions: 7 });
    expect(lines[1]).toBe('{"name":"example.test","type":"TXT","status":"answer","records":["v=spf1 -all","café \u202e"],"canonicalName":"example.test","ad":true}');
    const replay = await replayOf(text);
    for (const [key, outcome] of Object.entries(OUTCOMES)) {
      const [type, name] = key.split(' ') as [RecordType, string];
      expect(await replay.resolver.resolve(name.toUpperCase(), type)).toEqual(outcome);
    }
  });

  it('a question the recording lacks is an error of its own kind, never "no record"', async () => {
    const replay = await replayOf(await record());
    expect(await replay.resolver.resolve('other.test', 'TXT')).toEqual({ status: 'unrecorded', detail: 'other.test TXT: not in the recording rec.ndjson' });
    expect(await replay.resolver.resolve('example.test', 'AAAA')).toMatchObject({ status: 'unrecorded' });
  });

  it('the first outcome of a question recorded twice is replayed', async () => {
    const [head, ...rest] = (await record()).trimEnd().split('\n');
    const again = '{"name":"example.test","type":"A","status":"answer","records":["192.0.2.1"],"canonicalName":"example.test"}';
    const text = [head, ...rest.slice(0, -1), again, '{"end":true,"questions":8,"finished":"x"}', ''].join('\n');
    expect(await (await replayOf(text)).resolver.resolve('example.test', 'A')).toEqual({ status: 'nodata' });
  });

  it('the AD bit of a reply reaches the result', () => {
    const reply = dnsPacket.encode({
      type: 'response',
      id: 1,
      flags: dnsPacket.AUTHENTIC_DATA | dnsPacket.RECURSION_AVAILABLE,
      questions: [{ name: 'example.test', type: 'TXT', class: 'IN' }],
      answers: [{ name: 'example.test', type: 'TXT', class: 'IN', ttl: 60, data: ['v=spf1 -all'] }],
    });
    const parsed = parseReply(reply);
    if (parsed.kind !== 'ok') throw new Error(parsed.kind);
    expect(classifyReply(parsed.message, 'TXT')).toEqual({ kind: 'final', result: { status: 'answer', records: ['v=spf1 -all'], canonicalName: 'example.test', authenticated: true } });
  });
});

describe('hostile recordings are refused, saying where', () => {
  const HEADER = '{"recording":"dmarc-audit DNS answers","format":1,"tool":"dmarc-audit","version":"1","started":"x"}';
  const Q = '{"name":"a.test","type":"TXT","status":"nxdomain"}';
  const END = (n: number) => `{"end":true,"questions":${n},"finished":"x"}`;

  it.each<[string, string, RegExp]>([
    ['an empty file', '', /rec\.ndjson:1: empty/],
    ['another NDJSON file', '{"domain":"example.com","verdict":"enforcing"}\n', /rec\.ndjson:1: not a dmarc-audit DNS recording/],
    ['a newer format', HEADER.replace('"format":1', '"format":2'), /rec\.ndjson:1: not a dmarc-audit DNS recording .*format 1/],
    ['a file cut at a line end', `${HEADER}\n${Q}\n`, /rec\.ndjson:2: the recording stops without its end line: the file was cut short/],
    ['a file cut inside a line', `${HEADER}\n${Q}\n${Q.slice(0, 20)}`, /rec\.ndjson:3: not a JSON line/],
    ['a garbage line', `${HEADER}\n${Q}\n\u0000\u00ffgarbage\n${Q}\n${END(3)}\n`, /rec\.ndjson:3: not a JSON line/],
    ['a blank line', `${HEADER}\n\n${END(0)}\n`, /rec\.ndjson:2: not a JSON line/],
    ['a line of another shape', `${HEADER}\n{"name":"a.test","type":"TXT","status":"answer"}\n${END(1)}\n`, /rec\.ndjson:2: not a question line: .*records/],
    ['an unknown status', `${HEADER}\n{"name":"a.test","type":"TXT","status":"unrecorded","detail":"x"}\n${END(1)}\n`, /rec\.ndjson:2: not a question line/],
    ['MX data as text', `${HEADER}\n{"name":"a.test","type":"MX","status":"answer","records":["mx"],"canonicalName":"a.test"}\n${END(1)}\n`, /rec\.ndjson:2: not a question line: MX records must be MX objects/],
    ['TLSA data as an MX', `${HEADER}\n{"name":"a.test","type":"TLSA","status":"answer","records":[{"preference":1,"exchange":"mx"}],"canonicalName":"a.test"}\n${END(1)}\n`, /rec\.ndjson:2: not a question line: TLSA records must be TLSA objects/],
    ['TLSA data not hex', `${HEADER}\n{"name":"a.test","type":"TLSA","status":"answer","records":[{"usage":3,"selector":1,"matchingType":1,"certificate":"xyz"}],"canonicalName":"a.test"}\n${END(1)}\n`, /rec\.ndjson:2: not a question line/],
    ['a line after the end', `${HEADER}\n${END(0)}\n${Q}\n`, /rec\.ndjson:3: a line after the end line \(line 2\)/],
    ['an end line that miscounts', `${HEADER}\n${Q}\n${END(5)}\n`, /rec\.ndjson:3: the end line counts 5 questions, the recording holds 1/],
  ])('%s', async (_, text, error) => {
    await expect(replayOf(text)).rejects.toThrow(error);
  });

  it('bytes that are not UTF-8', async () => {
    await expect(replayOf([Buffer.from(`${HEADER}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])])).rejects.toThrow(/rec\.ndjson:2: not UTF-8 text/);
  });

  it('a 1 GB line is refused once it passes the limit, without reading (or holding) the rest', async () => {
    let pulled = 0;
    function* hugeLine(): Generator<Buffer> {
      yield Buffer.from(`${HEADER}\n`);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < (1024 * 1024 * 1024) / chunk.length; i++) {
        pulled++;
        yield chunk;
      }
    }
    await expect(replayOf(hugeLine())).rejects.toThrow(`rec.ndjson:2: line longer than ${MAX_RECORDING_LINE_BYTES} bytes`);
    expect(pulled * 64 * 1024).toBeLessThanOrEqual(MAX_RECORDING_LINE_BYTES + 64 * 1024);
  });
});
