/**
 * A streaming reader of one DMARC aggregate report in XML (RFC 9990 appendix A; RFC 7489 appendix C
 * and its drafts: elements are matched by local name, with or without the dmarc-2.0 namespace).
 * Fed text as it arrives, so a 1 GB report is never held: records are merged as they are read.
 * Hostile input: a DOCTYPE is refused (no entity can be declared, so none is ever expanded; saxes
 * itself knows only the five predefined entities and fetches nothing), nesting is capped.
 */
import { SaxesParser } from 'saxes';
import { normalizeDomain } from '../domain/normalize.js';
import { RecordBatch } from './record-batch.js';
import { finishRecord, newDraft, openAuthResult, takeRecordText, type RecordDraft } from './record-fields.js';
import type { AggregateReport, PublishedPolicy } from './types.js';

/** The input is not a report we can read; the message says why (with the line). */
export class ReportRefused extends Error {}

export interface RecordProblem {
  line: number;
  message: string;
}

const MAX_DEPTH = 32;
/** Longest element text kept; real values are a few dozen characters. */
const MAX_TEXT = 1024;

/** Length of "record/": paths inside a record are handed on relative to it. */
const RECORD_PREFIX = 'record/'.length;

/**
 * A copy of `text` that does not share memory with the chunk it was cut from. V8 represents a
 * substring of 13 characters or more as a view into its parent, so one report id kept in the
 * duplicate set would otherwise keep a whole 256 KB input chunk alive: 10,000 reports held
 * hundreds of megabytes. Concatenating and slicing makes V8 copy the characters into a new string.
 */
const detach = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

export class AggregateXmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly batch = new RecordBatch();
  /** Paths of the open elements below <feedback>, each joined with "/" (e.g. "record/row/count"). */
  private readonly path: string[] = [];
  private depth = 0;
  private feedbackDepth = -1;
  private rootName = '';
  private text = '';
  private readonly head = new Map<string, string>();
  private draft: RecordDraft | null = null;
  private complete = false;
  /** Records that could not be read; the rest of the report is. */
  readonly problems: RecordProblem[] = [];
  /** A well-formedness error after the report itself was complete (e.g. a wrapper element left open). */
  trailingError: string | null = null;

  constructor() {
    this.parser.on('doctype', () => this.refuse('a DOCTYPE is not allowed in a report (entity declarations are refused)'));
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (t) => this.addText(t));
    this.parser.on('cdata', (t) => this.addText(t));
    this.parser.on('error', (error) => {
      throw error;
    });
  }

  write(text: string): void {
    if (this.trailingError) return;
    this.guard(() => this.parser.write(text));
  }

  /** Ends the input; returns the report or throws ReportRefused. */
  end(): AggregateReport {
    this.guard(() => this.parser.close());
    if (!this.complete) {
      if (this.rootName === '') throw new ReportRefused('no XML element in the file');
      throw new ReportRefused(`not a DMARC aggregate report: no complete <feedback> element (the root element is <${this.rootName}>)`);
    }
    return this.report();
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof ReportRefused) throw error;
      const message = `malformed XML: ${(error as Error).message}`;
      if (!this.complete) throw new ReportRefused(message);
      this.trailingError ??= message;
    }
  }

  private refuse(message: string): never {
    throw new ReportRefused(`line ${this.parser.line}: ${message}`);
  }

  private open(tag: { name: string }): void {
    this.text = '';
    if (++this.depth > MAX_DEPTH) this.refuse(`elements nested deeper than ${MAX_DEPTH}`);
    const name = localName(tag.name);
    if (this.rootName === '') this.rootName = tag.name;
    if (this.feedbackDepth < 0) {
      if (name === 'feedback' && !this.complete) this.feedbackDepth = this.depth;
      return;
    }
    const parent = this.path[this.path.length - 1];
    const path = parent === undefined ? name : `${parent}/${name}`;
    this.path.push(path);
    if (path === 'record') this.draft = newDraft(this.parser.line);
    else if (this.draft) openAuthResult(this.draft, path.slice(RECORD_PREFIX));
  }

  private close(): void {
    const depth = this.depth--;
    if (this.feedbackDepth < 0) return;
    if (depth === this.feedbackDepth) {
      this.feedbackDepth = -1;
      this.complete = true;
      this.checkHead();
      return;
    }
    const value = detach(this.text.trim());
    this.text = '';
    const path = this.path.pop()!;
    if (this.draft) {
      if (path === 'record') this.endRecord(this.draft);
      else takeRecordText(this.draft, path.slice(RECORD_PREFIX), value);
    } else this.head.set(path, value);
  }

  private addText(text: string): void {
    if (this.text.length < MAX_TEXT) this.text += text.slice(0, MAX_TEXT - this.text.length);
  }

  private endRecord(draft: RecordDraft): void {
    this.draft = null;
    const outcome = finishRecord(draft);
    if ('problem' in outcome) this.problems.push({ line: draft.line, message: outcome.problem });
    else this.batch.add(outcome.record);
  }

  /** The report-level elements without which a report cannot be counted or deduplicated. */
  private checkHead(): void {
    const need = (path: string, what: string): string => {
      const value = this.head.get(path) ?? '';
      if (value === '') this.refuse(`the report has no ${what}`);
      return value;
    };
    need('report_metadata/report_id', 'report_id (duplicates could not be told apart)');
    for (const edge of ['begin', 'end']) {
      const value = need(`report_metadata/date_range/${edge}`, `date_range ${edge}`);
      if (!/^\d{1,12}(\.\d+)?$/.test(value)) this.refuse(`date_range ${edge} "${value}" is not a time in seconds`);
    }
    const domain = need('policy_published/domain', 'policy_published domain');
    if (!normalizeDomain(domain).ok) this.refuse(`policy_published domain "${domain}" is not a domain name`);
  }

  private report(): AggregateReport {
    const h = (path: string): string => this.head.get(path) ?? '';
    const lower = (path: string): string => h(path).toLowerCase();
    const pct = h('policy_published/pct');
    const policy: PublishedPolicy = {
      domain: (normalizeDomain(h('policy_published/domain')) as { domain: string }).domain,
      p: lower('policy_published/p'),
      sp: lower('policy_published/sp'),
      np: lower('policy_published/np'),
      adkim: lower('policy_published/adkim'),
      aspf: lower('policy_published/aspf'),
      pct: /^\d{1,3}$/.test(pct) ? Number(pct) : null,
      testing: lower('policy_published/testing'),
    };
    return {
      orgName: h('report_metadata/org_name'),
      email: h('report_metadata/email'),
      reportId: h('report_metadata/report_id'),
      begin: Math.floor(Number(h('report_metadata/date_range/begin'))),
      end: Math.floor(Number(h('report_metadata/date_range/end'))),
      policy,
      records: this.batch.records(),
    };
  }
}
