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

// Control characters (C0, DEL, C1) and bidi overrides and isolates: a terminal acts on them.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from files or a server (a file name, a DICOMDIR's File ID, a reason quoting them) as one
 * line a terminal prints as it is: each control character shown as an escape (\x1b, \n), since
 * an ESC sequence in a file name would clear or retitle the terminal and a line break forge a line.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
