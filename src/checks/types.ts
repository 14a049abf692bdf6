/**
 * The shape every check has. A check is one protocol's view of a domain (DMARC, SPF, DKIM, MX…):
 * it asks the resolver, hands on a result (parsed records included, so nothing later parses again),
 * and says how that result appears in each output: its report section with its zod schema, its
 * findings (data, worded by its catalog at render time), its text lines, CSV columns, summary
 * counters and gate rules. The engine and every renderer are assembled from the registry
 * (src/checks/registry.ts), so adding a check is a folder and one registration line.
 */
import type { ChalkInstance } from 'chalk';
import type { z } from 'zod';
import type { Resolver } from '../dns/types.js';
import type { Catalog, FindingData } from '../findings/types.js';
import type { HttpsClient } from '../http/types.js';

/**
 * An option of a check: one spec for the command line (audit and gate) and the gate's config, where it
 * is a key at the top level and in `overrides` (per domain). Each check defines its own.
 */
export interface CheckOptionSpec {
  /** The name the check reads the value under, and the config key, e.g. "dkimSelectors". */
  key: string;
  /** Commander flags, e.g. "--dkim-selector <name>". */
  flags: string;
  description: string;
  /** Repeatable options collect their values into an array. */
  repeatable?: boolean;
  /** Parses one command-line value; throws an Error whose message says what is wrong. */
  parse?: (value: string) => unknown;
  /** The value's schema in the gate config (omit for command-line-only options). */
  config?: z.ZodType;
  /** The value the gate uses when neither its config nor its command line sets one (a gate is a few domains, so it may look further). */
  gateDefault?: unknown;
}

/** What a check gets for one domain. */
export interface CheckContext<Options, Needs> {
  /** The domain, normalized (lower case, A-labels, no trailing dot). */
  domain: string;
  /** This domain's budgeted view of the run's resolver: shared cache, query limit and deadline. */
  resolver: Resolver;
  /**
   * This domain's view of the run's HTTPS client (src/http/https-client.ts): host names resolved through
   * `resolver`, node's certificate verification (plus --ca-file), no redirect followed, a body cap, the
   * run's limit on connections open at once, every fetch ended at the domain's deadline. Only checks
   * with `runsByDefault: false` may use it, so a default batch run stays DNS-only.
   */
  https: HttpsClient;
  options: Options;
  /** The result of a check this one lists in `needs` (undefined when it does not run); all checks start at once. */
  need<K extends keyof Needs>(id: K): Promise<Needs[K]>;
}

/** One CSV column of a check: its header and its cell for a section (null when the check did not run). */
export interface CsvColumn<Section> {
  name: string;
  value(section: Section): string | number | boolean | null;
  /** The cell holds DNS or input data: control characters escaped and formulas neutralised. */
  untrusted?: boolean;
  /** A long cell (a whole record): it goes after finding_codes. */
  late?: boolean;
  /** Its values best first: `dmarc-audit diff` calls a move down this list a regression, up it an improvement (other changes are just changes). */
  order?: readonly (string | null)[];
}

/** A run-summary counter: domains per value of `key` (e.g. dmarcStatus → valid, missing…). */
export interface SummaryCounter<Section> {
  name: string;
  /** The value a domain counts under; null: not counted here (e.g. no record whose lookups to count). */
  key(section: Section): string | null;
  /** Shown in the terminal summary under this label; counters without one are only in the JSON. */
  label?: string;
  /** Its title in charts (HTML, Markdown); default the label, else the name. */
  title?: string;
  /** The keys are counts (e.g. DNS lookups): charted as a histogram with this limit marked. */
  histogram?: { limit: number; ref: string };
}

export type RuleStatus = 'pass' | 'fail' | 'undetermined';

/** One rule's judgement: its status and the finding that says what was seen (words from the catalog). */
export interface RuleCheck {
  status: RuleStatus;
  finding: FindingData;
  /** Audit findings this judgement already reports (noErrorFindings does not repeat them). */
  covers?: readonly string[];
}

/** A gate rule over a check's result: its config value's schema, a title and reference, and the judgement. */
export interface RuleDefinition<Value, Result> {
  schema: z.ZodType<Value>;
  title: string;
  ref: string;
  check(value: Value, result: Result, domain: string): RuleCheck | RuleCheck[];
}

export interface Check<Id extends string, Options, Result, Section, Needs = Record<never, never>> {
  id: Id;
  /** The section's name in text output, e.g. "DMARC". */
  title: string;
  /** Checks whose results this one reads (their ids); they run concurrently, `need` awaits them. */
  needs: readonly (keyof Needs & string)[];
  /** Whether a run without --checks includes it: checks that need only DNS do, those that fetch over HTTPS do not. */
  runsByDefault: boolean;
  /** The reference a DNS failure in this check cites, e.g. RFC 7208 §2.6.6 (temperror). */
  dnsErrorRef: string;
  options: readonly CheckOptionSpec[];
  /** The check's options from values keyed by CheckOptionSpec.key (absent keys take their defaults). */
  optionsFrom(values: Readonly<Record<string, unknown>>): Options;
  run(ctx: CheckContext<Options, Needs>): Promise<Result>;
  findings(result: Result): readonly FindingData[];
  /** The report section: plain, JSON-ready data. */
  section: { schema: z.ZodType<Section>; of(result: Result): Section };
  text(section: Section, c: ChalkInstance): string[];
  csv: CsvColumn<Section>[];
  summary: SummaryCounter<Section>[];
  /** The words of the check's audit findings. */
  catalog: Catalog;
  /** The words of its gate rules' judgements (never audit findings). */
  ruleCatalog: Catalog;
  // The rule values are checked by each rule's own schema; `any` here lets one map hold rules of any value type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rules: Record<string, RuleDefinition<any, Result>>;
}

/** Any check, for code that handles them all alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = Check<string, any, any, any, any>;
