// Errors the user can fix (bad input, bad usage): the CLI prints the message alone and exits 2.
// Anything else is a failure while running: exit 1, stack trace only with --debug.
export class UserError extends Error {
  override readonly name: string = "UserError";
}
