export { auditDomain, createAuditor } from './engine/auditor.js';
export { createRunResolver, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from './dns/run-resolver.js';
export type { RunResolver, RunResolverOptions } from './dns/run-resolver.js';
export type { Auditor, AuditorOptions } from './engine/auditor.js';
export { auditWithResolver, InvalidDomainError } from './engine/audit.js';
export { normalizeDomain } from './domain/normalize.js';
export type { NormalizedDomain } from './domain/normalize.js';

export { createDnsClient } from './dns/client.js';
export { withCache } from './dns/cache.js';
export { createMemoryResolver } from './dns/memory.js';
export type { MemoryZone, MemoryZoneEntry } from './dns/memory.js';
export { parseNameserver, readSystemNameservers } from './dns/nameservers.js';
export type { Nameserver } from './dns/nameservers.js';
export { isEmpty, isFailure } from './dns/types.js';
export type { LookupResult, RecordType, Resolver } from './dns/types.js';
export { withRecording } from './dns/record.js';
export type { Recorder, RecordingTarget } from './dns/record.js';
export { loadRecording, RecordingError } from './dns/replay.js';
export type { Replay } from './dns/replay.js';
export type { Evidence } from './dns/evidence.js';

export { parseZone } from './zone/parser.js';
export type { ParsedZone, ZoneParseOptions, ZoneRecord } from './zone/parser.js';
export { ZoneParseError } from './zone/lexer.js';
export { loadZoneFile, ZoneFileError } from './zone/load.js';
export type { LoadedZone, ZoneFileOptions } from './zone/load.js';
export { withZoneOverlay, ZoneOverlayError } from './zone/overlay.js';

export { discoverDmarc } from './dmarc/discover.js';
export { parseDmarcRecord } from './dmarc/parse.js';
export type { DmarcDiscovery, DmarcPolicy, DmarcRecord } from './dmarc/types.js';
export { analyzeSpf } from './spf/analyze.js';
export { parseSpfRecord } from './spf/parse.js';
export type { SpfAnalysis, SpfNode, SpfTermNode } from './spf/types.js';
export { checkHost } from './spf/check-host.js';
export type { CheckHostInput, CheckHostOptions, CheckHostResult, SpfResult, TraceStep } from './spf/check-host.js';
export { adviseSpf } from './spf/explain.js';
export type { SpfAdvice } from './spf/explain.js';

export { FINDING_CATALOG, FINDING_CODES } from './findings/catalog.js';
export type { FindingCode } from './findings/catalog.js';
export { describeFinding } from './findings/describe.js';
export type { Finding, FindingData, Severity } from './findings/types.js';
export { auditReportSchema, findingSchema, reportJsonSchema } from './report/schema.js';
export type { AuditReport, Grade, Verdict } from './report/schema.js';
export { gradeOf, verdictOf } from './report/score.js';
export { renderText } from './render/text.js';
export type { ReportData } from './report/report.js';
export { escapeForTerminal } from './render/escape.js';

export { evaluateGate } from './gate/evaluate.js';
export type { DomainOutcome, GateOutcome, GatePlan, GateResult, GateStatus } from './gate/evaluate.js';
export { ConfigError, loadConfig, parseConfigText } from './gate/load-config.js';
export { configJsonSchema, configSchema, PROFILE_NAMES } from './gate/config-schema.js';
export type { GateConfig, ProfileName, Rules } from './gate/config-schema.js';
export { PROFILES } from './gate/profiles.js';
export { renderGateSarif } from './gate/sarif.js';
export { renderGateJunit } from './gate/junit.js';
