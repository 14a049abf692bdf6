/** An error that ends the CLI with a specific exit code; the message is for the user. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT = {
  ok: 0,
  internal: 1,
  /** `gate`: at least one domain violates the policy; `audit --fail-on`: at least one domain matches. */
  violation: 1,
  usage: 2,
  /** `gate`, `audit --fail-on`: DNS failures left some verdict unknown; they fail closed. */
  undetermined: 3,
} as const;

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** The reports could not be written (a reader that went away, a full disk): said in one line, not as a crash. */
export class OutputError extends CliError {
  /** The system error code (EPIPE, ENOSPC…), if there was one. */
  readonly code: string | undefined;

  constructor(cause: unknown) {
    super(`cannot write the reports: ${cause instanceof Error ? cause.message : String(cause)}`, EXIT.internal);
    this.name = 'OutputError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}
