/**
 * Our own aggregate reports and containers, generated: XML in either schema, gzip, zip, e-mail
 * messages and mbox files, for the container, hostile-input and verdict tests and the benchmark.
 */
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';

export interface RowSpec {
  ip: string;
  count: number;
  from?: string;
  /** policy_evaluated dkim/spf: whether the receiver found aligned DKIM / SPF. */
  dkim?: 'pass' | 'fail';
  spf?: 'pass' | 'fail';
  disposition?: string;
  reasons?: string[];
  envelopeFrom?: string;
  dkimAuth?: { domain: string; selector?: string; result: string }[];
  spfAuth?: { domain: string; scope?: string; result: string }[];
}

export interface ReportSpec {
  org?: string;
  id: string;
  domain?: string;
  p?: string;
  begin?: number;
  end?: number;
  /** RFC 9990 namespace and elements, else RFC 7489 appendix C. */
  rfc9990?: boolean;
  rows: RowSpec[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rowXml(r: RowSpec, domain: string): string {
  const reasons = (r.reasons ?? []).map((t) => `<reason><type>${esc(t)}</type></reason>`).join('');
  const dkim = (r.dkimAuth ?? []).map((d) => `<dkim><domain>${esc(d.domain)}</domain>${d.selector ? `<selector>${esc(d.selector)}</selector>` : ''}<result>${d.result}</result></dkim>`).join('');
  const spf = (r.spfAuth ?? []).map((s) => `<spf><domain>${esc(s.domain)}</domain>${s.scope ? `<scope>${s.scope}</scope>` : ''}<result>${s.result}</result></spf>`).join('');
  return (
    `<record><row><source_ip>${esc(r.ip)}</source_ip><count>${r.count}</count><policy_evaluated><disposition>${r.disposition ?? 'none'}</disposition>` +
    `<dkim>${r.dkim ?? 'fail'}</dkim><spf>${r.spf ?? 'fail'}</spf>${reasons}</policy_evaluated></row>` +
    `<identifiers>${r.envelopeFrom !== undefined ? `<envelope_from>${esc(r.envelopeFrom)}</envelope_from>` : ''}<header_from>${esc(r.from ?? domain)}</header_from></identifiers>` +
    `<auth_results>${dkim}${spf}</auth_results></record>\n`
  );
}

export function reportXml(spec: ReportSpec): string {
  const domain = spec.domain ?? 'example.com';
  const begin = spec.begin ?? 1_700_000_000;
  const head =
    `<?xml version="1.0" encoding="UTF-8"?>\n<feedback${spec.rfc9990 ? ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0"' : ''}>` +
    `${spec.rfc9990 ? '<version>1.0</version>' : ''}<report_metadata><org_name>${esc(spec.org ?? 'receiver.example')}</org_name>` +
    `<email>dmarc@receiver.example</email><report_id>${esc(spec.id)}</report_id><date_range><begin>${begin}</begin><end>${spec.end ?? begin + 86_399}</end></date_range></report_metadata>` +
    `<policy_published><domain>${domain}</domain><p>${spec.p ?? 'none'}</p>${spec.rfc9990 ? '<np>reject</np><testing>n</testing>' : '<adkim>r</adkim><aspf>r</aspf><pct>100</pct>'}</policy_published>\n`;
  return `${head}${spec.rows.map((r) => rowXml(r, domain)).join('')}</feedback>\n`;
}

export const gzip = (data: string | Buffer): Buffer => gzipSync(data);

export function zip(entries: { name: string; data: string | Buffer; store?: boolean }[]): Promise<Buffer> {
  const file = new yazl.ZipFile();
  for (const e of entries) file.addBuffer(Buffer.from(e.data), e.name, { compress: !e.store });
  file.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

export interface Part {
  type: string;
  name?: string;
  data: string | Buffer;
  /** base64 (default), quoted-printable or 7bit. */
  encoding?: 'base64' | 'quoted-printable' | '7bit';
}

const base64Lines = (data: Buffer): string => data.toString('base64').replace(/.{76}/g, '$&\r\n');
const quotedPrintable = (text: string): string => text.replace(/[=\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/.{73}(?!$)/g, '$&=\r\n');

export function partText(part: Part): string {
  const encoding = part.encoding ?? 'base64';
  const body = encoding === 'base64' ? base64Lines(Buffer.from(part.data)) : encoding === 'quoted-printable' ? quotedPrintable(Buffer.from(part.data).toString('latin1')) : String(part.data);
  const name = part.name ? `; name="${part.name}"` : '';
  const disposition = part.name ? `Content-Disposition: attachment; filename="${part.name}"\r\n` : '';
  return `Content-Type: ${part.type}${name}\r\n${disposition}Content-Transfer-Encoding: ${encoding}\r\n\r\n${body}\r\n`;
}

/** An e-mail message with a text part and the given parts, as reporters send them (multipart/mixed). */
export function email(subject: string, parts: (Part | string)[], boundary = 'b1_report'): string {
  const body = parts.map((p) => `--${boundary}\r\n${typeof p === 'string' ? p : partText(p)}`).join('');
  return (
    `From: dmarc@receiver.example\r\nTo: rua@example.com\r\nSubject: ${subject}\r\nDate: Tue, 14 Nov 2023 22:13:20 +0000\r\n` +
    `Message-ID: <${subject.replace(/\W/g, '')}@receiver.example>\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\nContent-Type: text/plain\r\n\r\nThis is a DMARC aggregate report.\r\n` +
    `${body}--${boundary}--\r\n`
  );
}

/** An mbox (mboxrd): each message after a "From " line, body lines starting with "From " quoted. */
export function mbox(messages: string[]): string {
  return messages.map((m) => `From MAILER-DAEMON Tue Nov 14 22:13:20 2023\n${m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`).join('');
}
