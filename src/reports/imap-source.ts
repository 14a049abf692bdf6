/**
 * Reports from an IMAP mailbox, read with imapflow (Nodemailer's IMAP client: IMAP4rev1 with
 * IDLE/UIDPLUS/MOVE, implicit TLS or required STARTTLS, streaming downloads). The mailbox is
 * examined read-only (messages are fetched with BODY.PEEK, so nothing is marked \Seen) unless
 * --imap-move asks to move each message whose reports were all read into another mailbox.
 */
import { ImapFlow } from 'imapflow';
import type { MessageSource } from './pipeline.js';

export interface ImapTarget {
  /** imaps: implicit TLS (port 993); imap: STARTTLS, required. */
  secure: boolean;
  host: string;
  port: number;
  user: string;
  mailbox: string;
}

/** imaps://user@host[:port]/Mailbox; throws a message for the user when it is not one. */
export function parseImapUrl(text: string): ImapTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`--imap "${text}" is not a URL: give imaps://user@host[:port]/Mailbox`);
  }
  if (url.protocol !== 'imaps:' && url.protocol !== 'imap:') throw new TypeError(`--imap "${text}": the scheme must be imaps: (TLS) or imap: (STARTTLS)`);
  if (url.password) throw new TypeError('--imap: never put the password in the URL; set DMARC_AUDIT_IMAP_PASSWORD or use --imap-password-file');
  if (!url.username) throw new TypeError(`--imap "${text}": name the user, as in imaps://user@host/INBOX`);
  const secure = url.protocol === 'imaps:';
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return { secure, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : secure ? 993 : 143, user: decodeURIComponent(url.username), mailbox };
}

/** Largest message downloaded; a report mail is far smaller. */
const MAX_MESSAGE_BYTES = 512 * 1024 ** 2;

export function imapMessages(target: ImapTarget, password: string, moveTo: string | null): MessageSource {
  return async (read) => {
    const client = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      doSTARTTLS: target.secure ? undefined : true,
      auth: { user: target.user, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      const lock = await client.getMailboxLock(target.mailbox, { readOnly: moveTo === null });
      const done: number[] = [];
      try {
        const uids = (await client.search({ all: true }, { uid: true })) || [];
        for (const uid of uids) {
          const download = await client.download(String(uid), undefined, { uid: true, maxBytes: MAX_MESSAGE_BYTES });
          if (!download.content) continue;
          if (await read({ name: `imap:${target.mailbox}/${uid}`, stream: download.content })) done.push(uid);
        }
        if (moveTo !== null && done.length > 0) {
          const exists = (await client.list()).some((box) => box.path === moveTo);
          if (!exists) await client.mailboxCreate(moveTo);
          await client.messageMove(done.join(','), moveTo, { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
}
