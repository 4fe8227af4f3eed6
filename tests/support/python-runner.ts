import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, temporaryFolder } from './paths';

// The tests run Debian's Python (pydicom, numpy) hundreds of times, and each start imported numpy
// and pydicom again: about a quarter of a second of CPU a run. A server per test process imports
// them once and forks a child for each run (python-fork-server.py), which then runs the script as
// `python3 args...` would: its own process, arguments, working folder, environment and exit status.
// Calls stay synchronous, as spawnSync was: requests and answers go through two named pipes.

const PYTHON = '/usr/bin/python3';
const SERVER = path.join(REPO_ROOT, 'tests/support/python-fork-server.py');
/** How long the server may take to import numpy and pydicom on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

/** What a run gave: as spawnSync's result with `encoding: 'utf8'`. */
export interface PythonRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

interface Server {
  child: ChildProcess;
  folder: string;
  requests: number;
  answers: number;
  pending: string;
}

let server: Server | null = null;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Whether a process has ended (gone, or a zombie this blocked event loop has not reaped yet). */
function ended(pid: number | undefined): boolean {
  try {
    return pid === undefined || fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return true;
  }
}

/** Reads one line from the answer pipe, waiting for it; throws when the server is gone or never started. */
function readLine(current: Server, timeoutMs: number | null): string {
  const deadline = timeoutMs === null ? Infinity : Date.now() + timeoutMs;
  const buffer = Buffer.alloc(4096);
  for (let idle = 0; !current.pending.includes('\n'); idle++) {
    let read = 0;
    try {
      read = fs.readSync(current.answers, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      read = -1; // the server is there, its answer not yet
    }
    if (read > 0) {
      current.pending += buffer.toString('utf8', 0, read);
      idle = 0;
      continue;
    }
    // End of file: no writer. Before "ready" the server may still be starting; after it, it is gone.
    if ((read === 0 && timeoutMs === null) || (idle % 64 === 63 && ended(current.child.pid))) {
      server = null;
      throw new Error('the Python fork server (tests/support/python-fork-server.py) ended: see its stderr above');
    }
    if (Date.now() > deadline) throw new Error(`the Python fork server did not start within ${timeoutMs} ms`);
    // Short sleeps while a quick script runs, up to 8 ms while a long one does.
    Atomics.wait(sleeper, 0, 0, Math.min(8, 1 + (idle >> 5)));
  }
  const end = current.pending.indexOf('\n');
  const line = current.pending.slice(0, end);
  current.pending = current.pending.slice(end + 1);
  return line;
}

function startServer(): Server {
  const folder = temporaryFolder('python-fork-server');
  const requestFifo = path.join(folder, 'requests');
  const answerFifo = path.join(folder, 'answers');
  const made = spawnSync('mkfifo', ['-m', '600', requestFifo, answerFifo], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  // Our read end first, without waiting for a writer: the server's open for writing then returns at once.
  const answers = fs.openSync(answerFifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  // stdin stays a pipe from this process: when this process ends, the server sees its end and exits.
  const child = spawn(PYTHON, [SERVER, requestFifo, answerFifo, folder], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  const started: Server = { child, folder, requests: -1, answers, pending: '' };
  const ready = readLine(started, START_TIMEOUT_MS);
  if (ready !== 'ready') throw new Error(`the Python fork server said ${ready}`);
  started.requests = fs.openSync(requestFifo, fs.constants.O_WRONLY);
  return started;
}

/** Runs `python3 args...` (a script and its arguments, or -c and code) as spawnSync would, through this process's fork server. */
export function runPython(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): PythonRun {
  server ??= startServer();
  const current = server;
  const output = fs.mkdtempSync(path.join(current.folder, 'run-'));
  const stdout = path.join(output, 'stdout');
  const stderr = path.join(output, 'stderr');
  try {
    const request = { args, cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env, stdout, stderr };
    const line = Buffer.from(`${JSON.stringify(request)}\n`);
    for (let written = 0; written < line.length; ) written += fs.writeSync(current.requests, line, written);
    const answer = JSON.parse(readLine(current, null)) as { status?: number; signal?: number };
    const signal = answer.signal === undefined ? null : (Object.entries(os.constants.signals).find(([, n]) => n === answer.signal)?.[0] ?? `signal ${answer.signal}`);
    return { status: answer.status ?? null, signal, stdout: fs.readFileSync(stdout, 'utf8'), stderr: fs.readFileSync(stderr, 'utf8') };
  } finally {
    fs.rmSync(output, { recursive: true, force: true });
  }
}
