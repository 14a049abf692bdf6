/**
 * A real Dovecot IMAP server for the tests, on 127.0.0.1 only, with a self-signed certificate the
 * test trusts (NODE_EXTRA_CA_CERTS) and Maildirs in a temporary directory. Debian's dovecot-imapd;
 * .ci/run installs it. Absent outside CI, the caller skips; in CI (CI=true), it fails.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
export const dovecotInstalled = (): boolean => existsSync(DOVECOT_BINARY);

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** PEM of the server's certificate, for NODE_EXTRA_CA_CERTS. */
  certificate: string;
  /** The Maildir of a mailbox ("INBOX" or a folder name). */
  maildir(mailbox: string): string;
  /** Puts a message in a mailbox as a new message. */
  deliver(mailbox: string, name: string, message: string): void;
  /** Messages in a mailbox (new and cur). */
  count(mailbox: string): number;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}: ${log()}`);
}

export async function startDovecot(): Promise<Dovecot> {
  const root = mkdtempSync(join(tmpdir(), 'dovecot-'));
  // Dovecot's auth and mail processes run as another user: they must reach the files below.
  chmodSync(root, 0o755);
  const home = join(root, 'home');
  const user = 'dmarc';
  const password = 'report-reader-secret';
  // As root (CI), mail is accessed as the dovecot system user; otherwise as ourselves.
  const asRoot = process.getuid?.() === 0;
  const mailUser = asRoot ? 'dovecot' : userInfo().username;
  const uid = Number(execFileSync('id', ['-u', mailUser], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', mailUser], { encoding: 'utf8' }).trim());
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(root, 'key.pem'), '-out', join(root, 'cert.pem')], { stdio: 'ignore' });
  writeFileSync(join(root, 'users'), `${user}:{PLAIN}${password}\n`);
  const port = await freePort();
  const maildir = (mailbox: string): string => join(home, 'Maildir', mailbox === 'INBOX' ? '' : `.${mailbox}`);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir('INBOX'), sub), { recursive: true });
  const conf = join(root, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${root}/run
state_dir = ${root}/state
instance_name = dmarc-audit-test-${port}
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <${root}/cert.pem
ssl_key = <${root}/key.pem
auth_mechanisms = plain
first_valid_uid = ${uid}
first_valid_gid = ${gid}
${asRoot ? '' : `default_login_user = ${mailUser}\ndefault_internal_user = ${mailUser}\n`}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${home}
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${port}
    ssl = yes
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const chownAll = (path: string): void => {
    chownSync(path, uid, gid);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownAll(join(path, entry));
  };
  if (asRoot) chownAll(home);
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const log = (): string => {
    try {
      return `${stderr}${execFileSync('tail', ['-20', join(root, 'dovecot.log')], { encoding: 'utf8' })}`;
    } catch {
      return stderr;
    }
  };
  await waitForPort(port, child, log);
  const files = (mailbox: string): string[] => ['cur', 'new'].flatMap((sub) => (existsSync(join(maildir(mailbox), sub)) ? readdirSync(join(maildir(mailbox), sub)) : []));
  return {
    port,
    user,
    password,
    certificate: join(root, 'cert.pem'),
    maildir,
    deliver: (mailbox, name, message) => {
      const path = join(maildir(mailbox), 'new', name);
      writeFileSync(path, message);
      if (asRoot) chownSync(path, uid, gid);
    },
    count: (mailbox) => files(mailbox).length,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
