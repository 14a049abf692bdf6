/**
 * The attachments of one e-mail message, read with mailparser (Nodemailer's streaming MIME parser):
 * it decodes base64 and quoted-printable, nested multiparts and forwarded messages, and streams each
 * attachment, so a large one is never held. Which parts are reports is decided by their content
 * (src/reports/sniff.ts), not by their declared type: reporters send application/gzip,
 * application/zip, text/xml, application/octet-stream and worse.
 */
import type { Readable } from 'node:stream';
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser';

export interface Attachment {
  /** The file name the part declares, else its content type. */
  name: string;
  content: Readable;
}

/** Calls `onAttachment` for each attachment in turn; the parser waits until it is done with one. */
export function readEmail(message: Readable, onAttachment: (attachment: Attachment) => Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, checksumAlgo: false });
    let count = 0;
    let failed = false;
    let last: Promise<void> = Promise.resolve();
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      message.destroy();
      parser.destroy();
      reject(error);
    };
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type !== 'attachment') return;
      count++;
      const attachment = data;
      last = onAttachment({ name: attachment.filename ?? attachment.contentType, content: attachment.content })
        .catch(fail)
        .finally(() => {
          attachment.content.resume();
          attachment.release?.();
        });
    });
    parser.on('end', () => {
      last.then(() => resolve(count), fail);
    });
    parser.on('error', fail);
    message.on('error', fail);
    message.pipe(parser);
  });
}
