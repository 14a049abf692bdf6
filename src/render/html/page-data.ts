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

  private emit(json: string): void {
    this.pending.push(this.written++ === 0 ? `\n${json}` : `,\n${json}`);
  }

  /** A string, interned when long enough; `escaped` when it is terminal-safe already. */
  private text(text: string, escaped = false): PageValue {
    const safe = escaped ? text : escapeForTerminal(text);
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

  /** A list entry is defined once (`{"e":[…]}`) and referred to by its index. */
  private entry(entry: ListEntry): number {
    const key = entry.join('\u0000');
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    this.emit(scriptJson({ e: entry.map((part) => this.text(part)) }));
    this.entries.set(key, this.nextEntry);
    return this.nextEntry++;
  }

  /** The data text for one row: `[cells, lists, blocks]`, preceded by the definitions it needs. */
  row(row: PageRow): string {
    const cells = row.cells.map((cell) => this.value(cell));
    const lists = row.lists.map((list) => list.map((entry) => this.entry(entry)));
    const blocks = row.blocks.map((block) => [this.text(block.title), block.lines.map((line) => this.text(line, true))]);
    this.emit(scriptJson([cells, lists, blocks]));
    const text = this.pending.join('');
    this.pending = [];
    return text;
  }
}
