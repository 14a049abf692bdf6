/**
 * The one catalog: the words of every finding code, every gate judgement and every piece of advice of
 * `dmarc-audit reports`, assembled from the checks (src/checks/registry.ts), the few codes that belong
 * to no single check (core-catalog.ts) and the reports' codes (src/reports/catalog.ts). Each vocabulary
 * keeps its own list of codes (an audit finding is not a reports code), but one table words them all, so
 * a code means one thing everywhere. Codes are a public contract: add new ones, never rename. Renderers
 * word findings here, at render time.
 */
import { ALL_CHECKS, CHECKS, type CheckFindingCode, type CheckRuleCode } from '../checks/registry.js';
import { arg } from './arg.js';
import { CORE_CATALOG, CORE_RULE_CATALOG, type CoreCode, type CoreRuleCode } from './core-catalog.js';
import { REPORTS_CATALOG, type ReportsCode } from '../reports/catalog.js';
import type { Catalog } from './types.js';

export type FindingCode = CheckFindingCode | CoreCode;
export type RuleCode = CheckRuleCode | CoreRuleCode;
/** Any code the catalog words: an audit finding, a gate judgement or a reports code. */
export type CatalogCode = FindingCode | RuleCode | ReportsCode;

/** What a DNS failure means depends on the check whose lookup failed (DNS_ERROR's `context` is its id). */
const DNS_ERROR_REFS = new Map(ALL_CHECKS.map((check) => [check.id, check.dnsErrorRef]));
const DNS_ERROR = { ...CORE_CATALOG.DNS_ERROR, ref: (a: Record<string, string | number>) => DNS_ERROR_REFS.get(arg(a.context)) ?? CORE_CATALOG.DNS_ERROR.ref };

/** Every audit finding, in a stable order: the checks' codes in registry order, then the core codes. */
export const FINDING_CATALOG = Object.assign({}, ...CHECKS.map((check) => check.catalog), CORE_CATALOG, { DNS_ERROR }) as Catalog<FindingCode>;
export const FINDING_CODES = Object.keys(FINDING_CATALOG) as FindingCode[];

/** Every gate judgement that is not an audit finding. */
export const RULE_CATALOG = Object.assign({}, ...CHECKS.map((check) => check.ruleCatalog), CORE_RULE_CATALOG) as Catalog<RuleCode>;

export const CATALOG: Catalog<CatalogCode> = { ...FINDING_CATALOG, ...RULE_CATALOG, ...REPORTS_CATALOG };
