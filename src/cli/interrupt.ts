const EXIT_FOR_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export interface InterruptWatch {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, undefined when not interrupted. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * The first Ctrl-C or SIGTERM stops new work so finished reports can still be written and the output
 * closed properly; a second one exits at once.
 */
export function watchInterrupts(): InterruptWatch {
  const controller = new AbortController();
  let code: number | undefined;
  const handlers = Object.entries(EXIT_FOR_SIGNAL).map(([name, exit]) => {
    const handler = (): void => {
      if (code !== undefined) process.exit(code);
      code = exit;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
