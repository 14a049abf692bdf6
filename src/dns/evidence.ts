import { createHash } from 'node:crypto';
import type { AuditReport } from '../report/schema.js';
import { answerLine, questionKey } from './recording-format.js';
import { canonicalName, type LookupResult, type RecordType, type Resolver } from './types.js';

/**
 * The DNS answers one report rests on, as its `evidence` field carries them: every question asked,
 * once, sorted by name then type, `zone` on those a zone overlay answered; with --evidence, `sha256`
 * over the answers as recording lines (recording-format.ts), in that order, each followed by a newline.
 */
export type Evidence = NonNullable<AuditReport['evidence']>;

interface Asked {
  name: string;
  type: RecordType;
  result?: LookupResult;
}

export interface QuestionLog {
  resolver: Resolver;
  /** The questions answered so far, with the first outcome of each; `digest` adds the SHA-256. */
  evidence(digest: boolean): Evidence;
}

/** Notes every question one audit asks and its outcome, so its report can say what it rests on. */
export function withQuestionLog(resolver: Resolver): QuestionLog {
  const asked = new Map<string, Asked>();
  const note = (name: string, type: RecordType, lookup: Promise<LookupResult>): void => {
    const key = questionKey(name, type);
    let entry = asked.get(key);
    if (!entry) asked.set(key, (entry = { name: canonicalName(name), type }));
    const target = entry;
    lookup.then(
      (result) => void (target.result ??= result),
      () => {},
    );
  };
  return {
    resolver: {
      resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
        const lookup = resolver.resolve(name, type);
        note(name, type, lookup);
        return lookup;
      },
      finishedLookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> | undefined {
        const lookup = resolver.finishedLookup?.(name, type);
        if (lookup) note(name, type, lookup);
        return lookup;
      },
    },
    evidence(digest) {
      // A lookup still unanswered when the audit ended (its deadline passed) is not something the report rests on.
      const answered = [...asked.values()].filter((entry): entry is Required<Asked> => entry.result !== undefined);
      answered.sort((a, b) => (a.name === b.name ? compare(a.type, b.type) : compare(a.name, b.name)));
      const questions: Evidence['questions'] = [];
      for (const { name, type, result } of answered) questions.push(result.zone === undefined ? { name, type } : { name, type, zone: result.zone });
      if (!digest) return { questions };
      const hash = createHash('sha256');
      for (const { name, type, result } of answered) hash.update(`${answerLine(name, type, result)}\n`);
      return { questions, sha256: hash.digest('hex') };
    },
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
