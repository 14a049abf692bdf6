import { describe, expect, it } from 'vitest';
import { createMemoryResolver, type MemoryZone } from '../../src/dns/memory.js';
import { auditWithResolver, InvalidDomainError } from '../../src/engine/audit.js';
import { auditDomain } from '../../src/engine/auditor.js';
import { reportOf } from '../../src/report/report.js';
import { auditReportSchema } from '../../src/report/schema.js';

const zone: MemoryZone = {
  'example.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'], A: ['192.0.2.1'] },
  '_dmarc.example.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:d@example.test'] },
  'mail.example.test': { A: ['192.0.2.2'] },
  'monitor.test': { TXT: ['v=spf1 -all'] },
  '_dmarc.monitor.test': { TXT: ['v=DMARC1; p=none; rua=mailto:d@monitor.test'] },
  'bare.test': { A: ['192.0.2.3'] },
  'broken.test': { TXT: ['v=spf1 -all'] },
  '_dmarc.broken.test': { TXT: 'timeout' },
};

describe('the engine on an injected in-memory resolver', () => {
  it.each([
    ['example.test', 'enforcing', 'A'],
    ['mail.example.test', 'enforcing', 'B'],
    ['monitor.test', 'monitoring', 'C'],
    ['bare.test', 'unprotected', 'F'],
    ['broken.test', 'error', 'F'],
  ])('%s → %s, grade %s', async (domain, verdict, grade) => {
    const report = reportOf(await auditWithResolver(domain, createMemoryResolver(zone)));
    expect(auditReportSchema.parse(report)).toMatchObject({ domain, verdict, grade });
  });

  it('orders findings most severe first, in a stable way', async () => {
    const severity = { error: 0, warning: 1, info: 2 } as const;
    const report = reportOf(await auditWithResolver('mail.example.test', createMemoryResolver({ ...zone, '_dmarc.mail.example.test': { TXT: ['v=DMARC1; p=reject; adkim=x'] } })));
    const ranks = report.findings.map((f) => severity[f.severity]);
    expect(new Set(report.findings.map((f) => f.severity)).size).toBeGreaterThan(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('auditDomain takes a resolver option and normalizes the name', async () => {
    const report = await auditDomain('Example.TEST.', { resolver: createMemoryResolver(zone) });
    expect(report.domain).toBe('example.test');
  });

  it('refuses a name that is not a domain, saying why', async () => {
    await expect(auditWithResolver('user@example.test', createMemoryResolver(zone))).rejects.toThrow(InvalidDomainError);
  });
});
