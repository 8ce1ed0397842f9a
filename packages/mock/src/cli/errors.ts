/** A mistake in how the CLI was called (bad flag, bad config file): printed without a stack trace, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
