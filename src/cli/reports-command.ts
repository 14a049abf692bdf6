import { FORMATS, type FormatOf } from '../render/format-names.js';
import { Option, type Command } from 'commander';
import { normalizeDomain } from '../domain/normalize.js';
import type { DnsCliOptions } from './dns-options.js';
import { addDnsOptions } from './dns-options.js';
import { UsageError } from './errors.js';

export interface ReportsOptions extends DnsCliOptions {
  format: FormatOf<'reports'>;
  output?: string;
  domain: string[];
  since?: number;
  threshold: number;
  failOn?: 'not-ready';
  ptr: boolean;
  dns: boolean;
  db?: string;
  imap?: string;
  imapPasswordFile?: string;
  imapMove?: string;
  quiet?: boolean;
  color?: boolean;
}

const UNITS: Record<string, number> = { h: 3600, d: 86_400, w: 604_800 };

/** "30d", "12h", "2w", or a date: the start of the window, in seconds. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d{1,5})([hdw])$/.exec(value);
  if (relative) return Math.floor(now / 1000) - Number(relative[1]) * UNITS[relative[2]!]!;
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) throw new UsageError(`--since "${value}": give a duration such as 30d, 12h or 2w, or a date such as 2024-05-01`);
  return Math.floor(date / 1000);
}

function parseThreshold(value: string): number {
  const match = /^(\d{1,3}(?:\.\d+)?)%?$/.exec(value);
  const percent = match ? Number(match[1]) : NaN;
  if (!(percent >= 0 && percent <= 100)) throw new UsageError(`--threshold "${value}": give a percentage from 0 to 100, e.g. 0.5`);
  return percent / 100;
}

function collectDomain(value: string, previous: string[]): string[] {
  const normalized = normalizeDomain(value);
  if (!normalized.ok) throw new UsageError(`--domain "${value}": ${normalized.error}`);
  return [...previous, normalized.domain];
}

export function addReportsCommand(program: Command): void {
  const command = program
    .command('reports')
    .description('read DMARC aggregate reports (and SMTP TLS reports) and say, sender by sender, what p=quarantine or p=reject would block')
    .argument('[paths...]', 'report files and directories (.xml, .gz, .zip, .eml, mbox, Maildir), - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS.reports).default('text'))
    .option('-o, --output <file>', 'write the analysis to a file (renamed into place when complete)')
    .option('--domain <name>', 'analyse only this From domain (repeatable); one without reports is no-data', collectDomain, [])
    .option('--since <when>', 'only reports whose period ends after this: 30d, 12h, 2w or a date', (v) => parseSince(v))
    .option('--threshold <percent>', 'ready when enforcement would block less than this share of legitimate mail', parseThreshold, 0.005)
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when a domain has this verdict').choices(['not-ready']))
    .option('--imap <url>', 'also read the reports in this mailbox: imaps://user@host[:port]/Mailbox (password: DMARC_AUDIT_IMAP_PASSWORD or --imap-password-file)')
    .option('--imap-password-file <file>', 'read the IMAP password from this file (its first line)')
    .option('--imap-move <mailbox>', 'move each message whose reports were all read into this mailbox (default: read-only)')
    .option('--db <file>', 'keep reports in this SQLite database: new ones are added, duplicates dropped, the window read from all runs')
    .option('--no-ptr', 'do not look up the reverse DNS of source IPs')
    .option('--no-dns', "no DNS at all: no PTR, no check against today's SPF, DKIM keys and DMARC record")
    .option('-q, --quiet', 'no summary on stderr')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (paths: string[], options: ReportsOptions) => {
      // The readers (MIME, zip, XML, IMAP, SQLite) load only when this command runs, not at every start-up.
      const { runReportsCommand } = await import('./reports-run.js');
      await runReportsCommand(paths, options, program.version() ?? 'unknown');
    });
  addDnsOptions(command);
}

