/**
 * A certificate authority made at test time with Debian's openssl (nothing is stored in the repository):
 * a CA, and certificates it issues for given names, optionally with extra extensions (the BIMI logotype).
 * `.ci/run` installs openssl; without it, the tests that need it fail under CI=true.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Issued {
  key: string;
  cert: string;
}

export interface TestCa {
  dir: string;
  /** The CA's certificate file, for --ca-file. */
  caFile: string;
  issue(names: string[], options?: { extensions?: string[]; file?: string }): Issued;
}

const openssl = (args: string[], cwd: string): void => void execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=dmarc-audit test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'], dir);
  let serial = 0;
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    issue(names, options = {}) {
      const base = options.file ?? `leaf${++serial}`;
      openssl(['req', ...ec, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${names[0]}`], dir);
      const extensions = [`subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`, 'basicConstraints=CA:FALSE', ...(options.extensions ?? [])];
      writeFileSync(join(dir, `${base}.ext`), `${extensions.join('\n')}\n`);
      openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(1000 + serial), '-days', '2', '-extfile', `${base}.ext`, '-out', `${base}.pem`], dir);
      return { key: readFileSync(join(dir, `${base}.key`), 'utf8'), cert: readFileSync(join(dir, `${base}.pem`), 'utf8') };
    },
  };
}
