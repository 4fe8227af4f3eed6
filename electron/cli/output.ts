/** Prints a value as one line of JSON on stdout: what every `--json` command answers. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Ends the process with `code` once stdout and stderr have handed everything written to them to
 * the system. Node writes to a pipe asynchronously: process.exit() straight after a large write
 * dropped all but the first 64 kB that a slow reader (`| jq`, a script) had not taken yet.
 */
export function exitWhenFlushed(code: number): void {
  const streams = [process.stdout, process.stderr];
  let pending = streams.length;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const stream of streams) {
    // A reader gone (`| head`) is no reason to wait or to fail: there is nobody left to tell.
    stream.once('error', done);
    // Callbacks run in order, so this one runs after every earlier write has been flushed.
    stream.write('', () => done());
  }
}
