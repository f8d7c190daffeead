/** An error the user can fix (a bad setting or flag, a database or server out of reach): shown as one line. */
export class FixableError extends Error {
  override name = 'FixableError';

  /** `exitCode`: 1, or what a shell expects for the cause (130 for an interrupted run). */
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
