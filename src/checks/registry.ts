/**
 * The registry: every check, in report order. The engine, the report schema, the text, CSV and summary
 * renderers, the finding catalog, the gate's rules and config schema, SARIF tags and `dmarc-audit
 * schema` are all assembled from this list. Adding a check is its folder and one line here.
 */
import { bimiCheck } from './bimi/check.js';
import { daneCheck } from './dane/check.js';
import { dkimCheck } from './dkim/check.js';
import { dmarcCheck } from './dmarc/check.js';
import { dnssecCheck } from './dnssec/check.js';
import { mtaStsCheck } from './mta-sts/check.js';
import { mxCheck } from './mx/check.js';
import { spfCheck } from './spf/check.js';
import { tlsRptCheck } from './tls-rpt/check.js';
import type { AnyCheck } from './types.js';

// A check comes after the checks it needs (tlsRpt reads mtaSts and dane; dnssec reads them all).
export const CHECKS = [dmarcCheck, spfCheck, dkimCheck, mxCheck, mtaStsCheck, daneCheck, tlsRptCheck, bimiCheck, dnssecCheck] as const;

export type RegisteredCheck = (typeof CHECKS)[number];
export type CheckId = RegisteredCheck['id'];

type Parts<C extends RegisteredCheck> = {
  options: ReturnType<C['optionsFrom']>;
  result: Awaited<ReturnType<C['run']>>;
  section: ReturnType<C['section']['of']>;
  catalog: C['catalog'];
  ruleCatalog: C['ruleCatalog'];
  rules: C['rules'];
};

/** Each check's result (what it hands on), keyed by id. */
export type CheckResults = { [C in RegisteredCheck as C['id']]: Parts<C>['result'] };
/** Each check's report section, keyed by id. */
export type CheckSections = { [C in RegisteredCheck as C['id']]: Parts<C>['section'] };
/** Each check's options, keyed by id. */
export type CheckOptions = { [C in RegisteredCheck as C['id']]: Parts<C>['options'] };

type KeysOfUnion<T> = T extends unknown ? keyof T & string : never;
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
/** Every gate rule the checks define, by name. */
export type CheckRules = UnionToIntersection<Parts<RegisteredCheck>['rules']>;
/** Every audit finding code the checks define. */
export type CheckFindingCode = KeysOfUnion<Parts<RegisteredCheck>['catalog']>;
/** Every gate-rule judgement code the checks define. */
export type CheckRuleCode = KeysOfUnion<Parts<RegisteredCheck>['ruleCatalog']>;

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((check) => check.id);

/** The checks as one type, for code that treats them alike. */
export const ALL_CHECKS: readonly AnyCheck[] = CHECKS;

export function checkById(id: CheckId): AnyCheck {
  return ALL_CHECKS.find((check) => check.id === id) as AnyCheck;
}
