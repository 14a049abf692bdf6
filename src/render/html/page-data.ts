import { LruMap } from '../../dns/lru-map.js';
import { escapeForTerminal } from '../escape.js';
import { scriptJson } from './escape.js';

/**
 * A value in the page's data: a number is an index into the string table, a one-element array a number
 * as such, anything else itself. Strings repeated across rows (statuses, provider includes in SPF trees,
 * finding messages) are written once and then referred to by index, which keeps a 100,000-domain page
 * compact; the client decodes them (src/render/html/client-script.ts).
 */
export type PageValue = number | [number] | string | boolean | null;

/** A finding-like entry of a detail list: code, severity, message, fix, reference. */
export type ListEntry = [code: string, severity: string, message: string, fix: string, ref: string];

/** A titled block of preformatted lines in the detail view (a check's text report, the evidence…). */
export interface DetailBlock {
  title: string;
  /** Lines already safe for a terminal (escaped by the check's text renderer). */
  lines: readonly string[];
}

export interface PageRow {
  cells: readonly (string | number | boolean | null)[];
  /** One list per PageSpec.lists entry. */
  lists: readonly (readonly ListEntry[])[];
  blocks: readonly DetailBlock[];
}

/** Strings and entries kept for reuse; older ones are written again if they recur, so memory stays bounded on any run. */
const INTERNED_STRINGS = 20_000;
const INTERNED_ENTRIES = 5_000;
/** Shorter strings are cheaper written out than referred to. */
const SHORTEST_INTERNED = 4;

/**
 * Stands for the row's own name inside its strings ("No DMARC record at _dmarc.<name>"), so such
 * strings are shared by every row. It never occurs otherwise: every string is terminal-escaped, which
 * turns a NUL into the visible text \x00.
 */
const NAME = '\u0000';
/** Shorter names are not worth replacing. */
const SHORTEST_NAME = 4;

/**
 * Encodes rows into the entries of the page's data array as they stream past. Each call returns the
 * text to append: the new string-table and list-entry definitions the row uses, then the row. Every
 * string from a report passes the terminal escape (control and invisible characters made visible)
 * except block lines, which are already escaped; the client only ever sets text, never markup.
 */
export class PageDataEncoder {
  private readonly strings = new LruMap<string, number>(INTERNED_STRINGS);
  private readonly entries = new LruMap<string, number>(INTERNED_ENTRIES);
  private nextString = 0;
  private nextEntry = 0;
  private pending: string[] = [];
  private written = 0;
  /** The current row's name as it appears in escaped text, while its strings are encoded. */
  private name = '';

  private emit(json: string): void {
    this.pending.push(this.written++ === 0 ? `\n${json}` : `,\n${json}`);
  }

  /** A string, interned when long enough; `escaped` when it is terminal-safe already; `named`: the row's name replaced by NAME. */
  private text(text: string, { escaped = false, named = true } = {}): PageValue {
    const escapedText = escaped ? text : escapeForTerminal(text);
    const safe = named && this.name.length >= SHORTEST_NAME && escapedText.includes(this.name) ? escapedText.split(this.name).join(NAME) : escapedText;
    if (safe.length < SHORTEST_INTERNED) return safe;
    const known = this.strings.get(safe);
    if (known !== undefined) return known;
    this.emit(scriptJson(safe));
    this.strings.set(safe, this.nextString);
    return this.nextString++;
  }

  private value(cell: string | number | boolean | null): PageValue {
    if (typeof cell === 'string') return this.text(cell);
    return typeof cell === 'number' ? [cell] : cell;
  }

  /**
   * A list entry is defined once (`{"e":[…]}`) and referred to by its index, so the same finding of many
   * rows (its message naming each row's domain through NAME) is written once. Its code is never templated:
   * the filters list codes as they are.
   */
  private entry(entry: ListEntry): number {
    const values = entry.map((part, index) => this.text(part, { named: index > 0 }));
    const key = JSON.stringify(values);
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    this.emit(scriptJson({ e: values }));
    this.entries.set(key, this.nextEntry);
    return this.nextEntry++;
  }

  /**
   * The data text for one row: `[cells, lists, blocks]`, preceded by the definitions it needs. The first
   * cell is the row's name, written as it is; in every other string the name is replaced by NAME.
   */
  row(row: PageRow): string {
    const [first = null, ...rest] = row.cells;
    this.name = '';
    const cells = [this.value(first)];
    this.name = typeof first === 'string' ? escapeForTerminal(first) : '';
    for (const cell of rest) cells.push(this.value(cell));
    const lists = row.lists.map((list) => list.map((entry) => this.entry(entry)));
    const blocks = row.blocks.map((block) => [this.text(block.title), block.lines.map((line) => this.text(line, { escaped: true }))]);
    this.emit(scriptJson([cells, lists, blocks]));
    const text = this.pending.join('');
    this.pending = [];
    return text;
  }
}
