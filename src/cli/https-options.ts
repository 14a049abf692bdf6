import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_HTTPS_TIMEOUT_MS, type HttpsOptions } from '../http/https-client.js';
import { UsageError } from './errors.js';
import { parseIntegerOption } from './options.js';

export interface HttpsCliOptions {
  caFile?: string;
  httpsPort?: number;
  httpsTimeout: number;
}

/** How the checks that fetch over HTTPS (mta-sts, bimi with --bimi-fetch) connect; shared by audit and gate. */
export function addHttpsOptions(command: Command): Command {
  return command
    .option('--ca-file <file>', 'PEM certificates to trust besides the bundled roots when fetching over HTTPS (a private CA)')
    .option('--https-port <port>', 'the port HTTPS fetches connect to when the URL names none (default 443; for test servers)', parseIntegerOption('--https-port', 1, 65_535))
    .option('--https-timeout <ms>', 'milliseconds one HTTPS fetch may take, connection to last byte', parseIntegerOption('--https-timeout', 1, 600_000), DEFAULT_HTTPS_TIMEOUT_MS);
}

/** The HTTPS options; an unreadable or certificate-less --ca-file is a usage error before anything is fetched. */
export async function httpsOptionsFrom(options: HttpsCliOptions): Promise<HttpsOptions> {
  const https: HttpsOptions = { timeoutMs: options.httpsTimeout, port: options.httpsPort };
  if (options.caFile === undefined) return https;
  const ca = await readFile(options.caFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--ca-file ${options.caFile}: cannot read: ${error.code ?? error.message}`);
  });
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${options.caFile}: no PEM certificate in it`);
  return { ...https, ca };
}
