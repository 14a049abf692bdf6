import net from 'node:net';
import type { Nameserver } from './nameservers.js';
import type { RecordType } from './types.js';
import type { AttemptOutcome } from './udp-transport.js';
import { parseReply } from './wire-decode.js';
import { encodeQuery, questionsMatch, randomQueryId } from './wire-encode.js';

/**
 * DNS over TCP (RFC 7766), used when a UDP reply comes back truncated. One connection per
 * query: truncation is rare, so connection reuse is not worth its bookkeeping. The deadline
 * covers connecting, sending and reading, so a server that accepts and then stalls cannot
 * hang a lookup.
 */
export class TcpTransport {
  private readonly open = new Set<() => void>();
  private closed = false;

  query(server: Nameserver, name: string, type: RecordType, timeoutMs: number, edns = true): Promise<AttemptOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'error', detail: 'DNS client is closed' });
    const query = encodeQuery(randomQueryId(), name, type, edns);
    const frame = Buffer.alloc(2 + query.bytes.length);
    frame.writeUInt16BE(query.bytes.length, 0);
    query.bytes.copy(frame, 2);

    return new Promise((resolve) => {
      const socket = net.connect({ host: server.host, port: server.port });
      let received = Buffer.alloc(0);
      const abort = (): void => finish({ kind: 'error', detail: 'DNS client closed' });
      const finish = (outcome: AttemptOutcome): void => {
        clearTimeout(timer);
        this.open.delete(abort);
        socket.destroy();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      this.open.add(abort);

      socket.on('connect', () => socket.write(frame));
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        // Several messages may arrive in one chunk, or one message over several chunks.
        while (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
          const message = received.subarray(2, 2 + received.readUInt16BE(0));
          received = received.subarray(2 + message.length);
          const parsed = parseReply(message);
          if (parsed.kind === 'unreadable') continue;
          const [id, question] = parsed.kind === 'ok' ? [parsed.message.id, parsed.message.question] : [parsed.id, parsed.question];
          if (id !== query.id || !questionsMatch(question, query.question)) continue;
          finish(parsed.kind === 'ok' ? { kind: 'reply', message: parsed.message } : { kind: 'malformed', detail: parsed.reason });
          return;
        }
      });
      socket.on('error', (error) => finish({ kind: 'error', detail: `TCP: ${error.message}` }));
      socket.on('close', () =>
        finish(
          received.length > 0
            ? { kind: 'malformed', detail: 'TCP connection closed in the middle of a message' }
            : { kind: 'error', detail: 'TCP connection closed without a reply' },
        ),
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const abort of [...this.open]) abort();
  }
}
