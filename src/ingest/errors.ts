/**
 * Raised for a source file that cannot be read as a markdown document at all
 * (binary, not UTF-8, empty). The seed step turns it into a one-line error
 * naming the file, and leaves the previous database untouched.
 */
export class SourceInputError extends Error {
  /** Path of the offending file, as given to the decoder. */
  readonly file: string;
  /** Short machine-friendly reason: 'binary', 'invalid-utf8' or 'empty'. */
  readonly reason: SourceInputReason;
  /** Human-readable reason, without the file name. */
  readonly detail: string;

  constructor(file: string, reason: SourceInputReason, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'SourceInputError';
    this.file = file;
    this.reason = reason;
    this.detail = detail;
  }
}

/** Why a source file was rejected. */
export type SourceInputReason = 'binary' | 'invalid-utf8' | 'empty';
