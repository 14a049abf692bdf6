/**
 * Saved reports: the NDJSON that `--format ndjson` writes, read back line by line, each line checked
 * against the report schema. A line that is not a report is named by its number and what is wrong with
 * it, and the others are still used, as with a domain list.
 */
import { z } from 'zod';
import { ALL_CHECKS } from '../checks/registry.js';
import { readLines } from '../input/read-lines.js';
import type { ReportData } from './report.js';
import { auditReportSchema, findingSchema } from './schema.js';

/** Longer lines are refused without being held: a report with the largest SPF tree the caps allow is far shorter. */
export const MAX_REPORT_LINE = 8 * 1024 * 1024;

/**
 * The report schema as a reader of saved reports applies it: finding codes and check ids of a later
 * minor version are accepted, as the published JSON Schema accepts them, and so is a report written
 * before a check existed (its section absent, the check not in `checks`).
 */
const savedReportSchema = auditReportSchema.extend({
  checks: z.array(z.string()),
  findings: z.array(findingSchema.extend({ code: z.string().regex(/^[A-Z][A-Z0-9_]*$/) })),
});

export type SavedItem = { kind: 'report'; line: number; report: ReportData } | { kind: 'bad'; line: number; reason: string };

/** Where in the value the schema's first complaint is, and what it is. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a report';
  const path = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `not a report of the schema: ${path}${issue.message}`;
}

/** One line as a report, or why it is not one. */
export function parseSavedReport(text: string): { report: ReportData } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const ran = Array.isArray(record.checks) ? record.checks : [];
    for (const check of ALL_CHECKS) if (!(check.id in record) && !ran.includes(check.id)) record[check.id] = null;
  }
  const parsed = savedReportSchema.safeParse(value);
  return parsed.success ? { report: parsed.data as ReportData } : { reason: describeIssue(parsed.error) };
}

/** The reports of one NDJSON stream, a chunk of lines at a time; blank lines are skipped. */
export async function* readSavedReports(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<SavedItem[]> {
  for await (const lines of readLines(bytes, MAX_REPORT_LINE)) {
    const items: SavedItem[] = [];
    for (const { number, text, truncated } of lines) {
      if (truncated) {
        items.push({ kind: 'bad', line: number, reason: `a line over ${MAX_REPORT_LINE / 1024 / 1024} MiB is not a report` });
        continue;
      }
      if (text.trim() === '') continue;
      const result = parseSavedReport(text);
      items.push('report' in result ? { kind: 'report', line: number, report: result.report } : { kind: 'bad', line: number, reason: result.reason });
    }
    if (items.length > 0) yield items;
  }
}
