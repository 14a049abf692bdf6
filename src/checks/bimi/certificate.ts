/**
 * What can be checked of a BIMI certificate (a VMC or CMC) without a trust store: it parses
 * (node:crypto X509Certificate), it is within its validity period, it names the domain, and it carries
 * the logotype extension (RFC 3709, id-pe-logotype 1.3.6.1.5.5.7.1.12) that embeds the logo. Whether it
 * chains to a Mark Certifying Authority root, and whether the embedded logo is the published one, is
 * not checked. Pure: `now` is given.
 */
import { X509Certificate } from 'node:crypto';

export type CertificateProblem = 'unparseable' | 'expired' | 'not-yet-valid' | 'wrong-name' | 'no-logotype';

/** DER of the OID 1.3.6.1.5.5.7.1.12 (id-pe-logotype). */
const LOGOTYPE_OID = Buffer.from([0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x0c]);

export function certificateProblems(pem: string, domain: string, now: Date): { problem: CertificateProblem; detail: string }[] {
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  let certificate: X509Certificate;
  try {
    if (!first) throw new Error('no PEM certificate in the file');
    certificate = new X509Certificate(first);
  } catch (error) {
    return [{ problem: 'unparseable', detail: (error as Error).message }];
  }
  const problems: { problem: CertificateProblem; detail: string }[] = [];
  if (new Date(certificate.validTo) < now) problems.push({ problem: 'expired', detail: `valid until ${certificate.validTo}` });
  if (new Date(certificate.validFrom) > now) problems.push({ problem: 'not-yet-valid', detail: `valid from ${certificate.validFrom}` });
  if (certificate.checkHost(domain) === undefined) problems.push({ problem: 'wrong-name', detail: `its names: ${certificate.subjectAltName ?? certificate.subject}` });
  if (!extensionOids(certificate.raw).some((oid) => oid.equals(LOGOTYPE_OID))) problems.push({ problem: 'no-logotype', detail: 'no logotype extension (1.3.6.1.5.5.7.1.12)' });
  return problems;
}

/** A DER element: its tag, and where its contents lie. */
interface Element {
  tag: number;
  start: number;
  end: number;
}

function element(der: Buffer, offset: number): Element {
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[start + i] as number);
    start += octets;
  }
  if (start + length > der.length) throw new Error('DER element runs past the end');
  return { tag, start, end: start + length };
}

const children = (der: Buffer, parent: Element): Element[] => {
  const list: Element[] = [];
  for (let offset = parent.start; offset < parent.end; offset = list.at(-1)!.end) list.push(element(der, offset));
  return list;
};

/** The OIDs of the certificate's extensions (RFC 5280 §4.1: tbsCertificate's [3] EXPLICIT Extensions). */
function extensionOids(der: Buffer): Buffer[] {
  try {
    const tbs = children(der, element(der, 0))[0];
    if (!tbs) return [];
    const wrapper = children(der, tbs).find((child) => child.tag === 0xa3);
    const list = wrapper ? children(der, wrapper)[0] : undefined;
    if (!list) return [];
    return children(der, list).map((extension) => {
      const oid = children(der, extension)[0];
      return oid && oid.tag === 0x06 ? der.subarray(oid.start, oid.end) : Buffer.alloc(0);
    });
  } catch {
    return [];
  }
}
