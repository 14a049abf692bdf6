/**
 * The files named on the command line: files, directories walked recursively (sorted, so runs are
 * repeatable), Maildirs (only cur/ and new/: tmp/ holds mail still being delivered, the rest is the
 * mail server's own files) and "-" for standard input.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface InputFile {
  name: string;
  /** Set for files on disk. */
  path?: string;
  open(): Readable;
}

const READ_CHUNK = 64 * 1024;

function fileInput(path: string): InputFile {
  return { name: path, path, open: () => createReadStream(path, { highWaterMark: READ_CHUNK }) };
}

export async function* inputFiles(paths: readonly string[], stdin: Readable, onProblem: (name: string, reason: string) => void): AsyncGenerator<InputFile> {
  for (const path of paths) {
    if (path === '-') {
      yield { name: '(standard input)', open: () => stdin };
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) onProblem(path, `cannot read: ${info.code ?? info.message}`);
    else if (info.isDirectory()) yield* walk(path, onProblem);
    else yield fileInput(path);
  }
}

async function* walk(dir: string, onProblem: (name: string, reason: string) => void): AsyncGenerator<InputFile> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => error);
  if (entries instanceof Error) {
    onProblem(dir, `cannot read: ${entries.code ?? entries.message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const dirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const maildir = dirs.has('cur') && dirs.has('new');
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // In a Maildir, subfolders other than cur/new are Maildir++ folders (".Archive"), themselves Maildirs.
      if (maildir && entry.name === 'tmp') continue;
      yield* walk(path, onProblem);
    } else if (entry.isFile() && !maildir) yield fileInput(path);
    // Symbolic links inside directories are not followed: a link back up would walk forever.
  }
}
