/**
 * The cases of fixtures/zones/posture.zone (MTA-STS, TLS-RPT, DANE, BIMI, DNSSEC), audited through the
 * CLI with every check on, --bimi-fetch, and the local HTTPS server of POSTURE_ROUTES
 * (test/cli/posture-cases.test.ts). With AUDIT_CASES they cover every finding code (test/cli/cases.test.ts).
 */
import type { Route } from './https-fixture.js';
import type { AuditCase } from './audit-cases.js';

const P = 'posture.test';
const policy = (mode: string, mx: string[], maxAge = 604_800): string => ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\r\n');
const WELL_KNOWN = '/.well-known/mta-sts.txt';
const sts = (name: string): string => `mta-sts.${name}.${P}${WELL_KNOWN}`;

export const VALID_SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"><title>Posture</title><circle cx="50" cy="50" r="40" fill="#036"/></svg>\n';
const SCRIPT_SVG = VALID_SVG.replace('<circle', '<script>alert(1)</script><circle');
const LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
  '\n]>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps"><title>&lol9;</title></svg>\n';

/** What the HTTPS server answers, by host and path; the VMC certificates are issued by the test (they need the test CA). */
export const POSTURE_ROUTES: Record<string, Route> = {
  [sts('sts-enforce')]: { body: policy('enforce', [`mail.sts-enforce.${P}`]) },
  [sts('sts-testing')]: { body: policy('testing', [`*.sts-testing.${P}`], 3600) },
  [sts('sts-none')]: { body: policy('none', [], 86_400) },
  [sts('sts-orphan')]: { body: policy('enforce', [`mail.sts-orphan.${P}`]) },
  [sts('sts-uncovered')]: { body: policy('enforce', [`mail.sts-uncovered.${P}`]) },
  [sts('sts-redirect')]: { status: 301, location: `https://mta-sts.sts-enforce.${P}${WELL_KNOWN}` },
  [sts('sts-404')]: { status: 404 },
  [sts('sts-500')]: { status: 500 },
  [sts('sts-type')]: { type: 'text/html', body: policy('enforce', [`mail.sts-type.${P}`]) },
  [sts('sts-syntax')]: { body: 'version: STSv1\nmode: strict\nmx: *.*.bad\nmax_age: forever\n' },
  // Hostile servers: 10 MB of body, a body that never comes, a certificate for another name.
  [sts('sts-huge')]: { stream: 10 * 1024 * 1024 },
  [sts('sts-hang')]: { hang: true },
  [sts('sts-wrongcert')]: { wrongCertificate: true, body: policy('enforce', [`mail.sts-wrongcert.${P}`]) },
  [`bimi.bimi-ok.${P}/logo.svg`]: { type: 'image/svg+xml', body: VALID_SVG },
  [`bimi.bimi-hostile.${P}/script.svg`]: { type: 'image/svg+xml', body: SCRIPT_SVG },
  [`bimi.bimi-hostile.${P}/laughs.svg`]: { type: 'image/svg+xml', body: LAUGHS },
};

const ENFORCING = { verdict: 'enforcing' } as const;
const at = (name: string): string => `${name}.${P}`;

export const POSTURE_CASES: AuditCase[] = [
  // MTA-STS: every status
  { domain: at('sts-enforce'), expect: { ...ENFORCING, mtaSts: { status: 'enforce', id: '20240101T000000' }, tlsRpt: { status: 'valid' }, absent: ['MTA_STS_MX_NOT_COVERED', 'TLSRPT_MISSING'] } },
  { domain: at('sts-testing'), expect: { ...ENFORCING, mtaSts: { status: 'testing' }, tlsRpt: { status: 'missing' }, codes: ['MTA_STS_NOT_ENFORCED', 'MTA_STS_MAX_AGE_SHORT', 'TLSRPT_MISSING'], says: ['deploys MTA-STS'] } },
  { domain: at('sts-none'), expect: { ...ENFORCING, mtaSts: { status: 'none' }, codes: ['MTA_STS_NOT_ENFORCED'], says: ['mode none'] } },
  { domain: at('sts-missing'), expect: { ...ENFORCING, mtaSts: { status: 'missing', record: null }, codes: ['MTA_STS_MISSING'], absent: ['TLSRPT_MISSING', 'MTA_STS_POLICY_WITHOUT_RECORD'] } },
  { domain: at('sts-orphan'), expect: { ...ENFORCING, mtaSts: { status: 'missing' }, codes: ['MTA_STS_MISSING', 'MTA_STS_POLICY_WITHOUT_RECORD'] } },
  { domain: at('sts-multi'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_RECORD_MULTIPLE'] } },
  { domain: at('sts-badrecord'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_RECORD_INVALID'], says: ['is not 1 to 32 letters and digits'] } },
  { domain: at('sts-nohost'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_HOST_UNRESOLVED'] } },
  { domain: at('sts-uncovered'), expect: { ...ENFORCING, mtaSts: { status: 'enforce' }, codes: ['MTA_STS_MX_NOT_COVERED'], says: ['backup.elsewhere.test matches no mx pattern'] } },
  { domain: at('sts-redirect'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_REDIRECT'], says: ['answers 301'] } },
  { domain: at('sts-404'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_HTTP_STATUS'] } },
  { domain: at('sts-500'), expect: { ...ENFORCING, mtaSts: { status: 'error' }, codes: ['MTA_STS_POLICY_HTTP_STATUS'], says: ['HTTP 500'] } },
  { domain: at('sts-type'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_CONTENT_TYPE'] } },
  { domain: at('sts-syntax'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_INVALID'], says: ['mode "strict"', 'max_age "forever"'] } },
  { domain: at('sts-huge'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_FETCH_FAILED'], says: ['larger than the 64 KiB'] } },
  { domain: at('sts-hang'), expect: { ...ENFORCING, mtaSts: { status: 'error' }, codes: ['MTA_STS_POLICY_FETCH_FAILED'], says: ['no whole response came in time'] } },
  { domain: at('sts-wrongcert'), expect: { ...ENFORCING, mtaSts: { status: 'invalid' }, codes: ['MTA_STS_POLICY_FETCH_FAILED'], says: ['the certificate did not verify'] } },
  { domain: at('sts-refused'), expect: { ...ENFORCING, mtaSts: { status: 'error' }, codes: ['MTA_STS_POLICY_FETCH_FAILED'], says: ['no connection could be made'] } },
  { domain: at('sts-dns-timeout'), expect: { ...ENFORCING, mtaSts: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['MTA_STS_MISSING'] } },
  // TLS-RPT
  { domain: at('tlsrpt-multi'), expect: { ...ENFORCING, tlsRpt: { status: 'invalid' }, codes: ['TLSRPT_MULTIPLE_RECORDS'] } },
  { domain: at('tlsrpt-invalid'), expect: { ...ENFORCING, tlsRpt: { status: 'invalid' }, codes: ['TLSRPT_INVALID'], says: ['no rua field'] } },
  { domain: at('tlsrpt-baduri'), expect: { ...ENFORCING, tlsRpt: { status: 'valid' }, codes: ['TLSRPT_BAD_URI'], says: ['neither mailto: nor https:'] } },
  { domain: at('tlsrpt-timeout'), expect: { ...ENFORCING, tlsRpt: { status: 'error' }, codes: ['DNS_ERROR'] } },
  // DANE
  { domain: at('dane-ok'), expect: { ...ENFORCING, dane: { status: 'valid', mxSecure: true }, tlsRpt: { status: 'valid' }, absent: ['DANE_MISSING', 'DANE_NOT_SECURE', 'DANE_MX_INSECURE'] } },
  { domain: at('dane-insecure'), expect: { ...ENFORCING, dane: { status: 'none' }, codes: ['DANE_NOT_SECURE'], absent: ['TLSRPT_MISSING'] } },
  { domain: at('dane-pkix'), expect: { ...ENFORCING, dane: { status: 'none' }, codes: ['DANE_USAGE_UNSUITABLE'] } },
  { domain: at('dane-badrecord'), expect: { ...ENFORCING, dane: { status: 'none' }, codes: ['DANE_RECORD_INVALID'], says: ['4-byte data for matching type 1'] } },
  { domain: at('dane-mx-insecure'), expect: { ...ENFORCING, dane: { status: 'valid', mxSecure: false }, codes: ['DANE_MX_INSECURE', 'TLSRPT_MISSING'], says: ['deploys DANE'] } },
  { domain: at('dane-partial'), expect: { ...ENFORCING, dane: { status: 'partial' } } },
  { domain: at('sts-missing'), expect: { ...ENFORCING, dane: { status: 'none' }, codes: ['DANE_MISSING'] } },
  { domain: at('dane-timeout'), expect: { ...ENFORCING, dane: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['DANE_MISSING'] } },
  // BIMI
  { domain: at('bimi-ok'), expect: { ...ENFORCING, bimi: { status: 'valid', dmarcReady: true, logoStatus: 'valid', certificateStatus: 'valid' }, absent: ['BIMI_NO_CERTIFICATE', 'BIMI_LOGO_INVALID'] } },
  { domain: at('bimi-declined'), expect: { ...ENFORCING, bimi: { status: 'declined' }, codes: ['BIMI_DECLINED'] } },
  { domain: at('sts-missing'), expect: { ...ENFORCING, bimi: { status: 'missing' }, codes: ['BIMI_MISSING'] } },
  { domain: at('bimi-multi'), expect: { ...ENFORCING, bimi: { status: 'invalid' }, codes: ['BIMI_MULTIPLE_RECORDS'] } },
  { domain: at('bimi-invalid'), expect: { ...ENFORCING, bimi: { status: 'invalid' }, codes: ['BIMI_INVALID'], says: ['is not an https URL'] } },
  {
    domain: at('bimi-weak'),
    expect: { verdict: 'monitoring', bimi: { status: 'valid', dmarcReady: false, logoStatus: 'valid', certificateStatus: null }, codes: ['BIMI_DMARC_NOT_ENFORCING', 'BIMI_DMARC_SP_NONE', 'BIMI_DMARC_PCT', 'BIMI_DMARC_TESTING', 'BIMI_NO_CERTIFICATE'] },
  },
  {
    domain: at('bimi-hostile'),
    expect: { ...ENFORCING, bimi: { logoStatus: 'invalid', certificateStatus: 'invalid' }, codes: ['BIMI_LOGO_INVALID', 'BIMI_CERTIFICATE_INVALID'], says: ['contains a script', 'does not name the domain', 'no logotype extension'] },
  },
  { domain: at('bimi-laughs'), expect: { ...ENFORCING, bimi: { logoStatus: 'invalid', certificateStatus: 'invalid' }, codes: ['BIMI_LOGO_INVALID', 'BIMI_FETCH_FAILED'], says: ['has a DOCTYPE', 'HTTP 404'] } },
  { domain: at('bimi-timeout'), expect: { ...ENFORCING, bimi: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['BIMI_MISSING'] } },
  // DNSSEC
  { domain: at('dnssec-secure'), expect: { ...ENFORCING, dnssec: { status: 'secure' }, absent: ['DNSSEC_INSECURE', 'DNSSEC_PARTIAL'] } },
  { domain: at('dnssec-partial'), expect: { ...ENFORCING, dnssec: { status: 'partial' }, codes: ['DNSSEC_PARTIAL'] } },
  { domain: at('sts-enforce'), expect: { ...ENFORCING, dnssec: { status: 'insecure' }, codes: ['DNSSEC_INSECURE'] } },
  { domain: at('dnssec-mxhost-timeout'), expect: { ...ENFORCING, dnssec: { status: 'error' }, codes: ['DNS_ERROR'], says: ['mail.dnssec-mxhost-timeout.posture.test A failed'] } },
];
