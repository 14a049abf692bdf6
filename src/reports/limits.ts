/** Caps on what one input may cost; hostile files are refused when they cross one. */
export const LIMITS = {
  /** Bytes a gzip member or zip entry may expand to. A real report is rarely over a few hundred MB. */
  maxExpandedBytes: 2 * 1024 ** 3,
  /**
   * Expansion ratio allowed once past `ratioFreeBytes`: report XML compresses 10–40×; a bomb
   * expands about 1,000× per deflate layer. Small outputs are exempt, since they cost nothing.
   */
  maxRatio: 200,
  ratioFreeBytes: 8 * 1024 ** 2,
  /** Containers inside containers (a zip in a gzip in an e-mail is three). */
  maxNesting: 4,
  maxZipEntries: 1000,
  /** A zip that is not a file on disk (an attachment, standard input) is held in memory to be read. */
  maxBufferedZipBytes: 256 * 1024 ** 2,
  /** An SMTP TLS report is JSON, parsed whole. */
  maxJsonBytes: 32 * 1024 ** 2,
} as const;
