import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../support/paths';
import { runPython } from '../../support/python-runner';

// The fork server must run a script as `python3 args...` does, or the tests that read DICOM with
// pydicom through it would check less than they say: each run its own process, arguments, folder,
// environment, exit status, and fresh random state.
const folder = temporaryFolder('python-runner');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('runPython, through the fork server', () => {
  it('gives the status, stdout and stderr spawnSync gives, for -c and for a script file', () => {
    const code = 'import sys\nprint(sys.argv)\nsys.stderr.write("to stderr\\n")\nsys.exit(3)';
    const spawned = spawnSync('/usr/bin/python3', ['-c', code, 'a b', 'é'], { encoding: 'utf8' });
    const run = runPython(['-c', code, 'a b', 'é']);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 3, stdout: spawned.stdout, stderr: spawned.stderr });

    // A script imports modules beside it, sees its own path as argv[0] and __file__, and ends as __main__.
    fs.writeFileSync(path.join(folder, 'helper_module.py'), 'VALUE = 41\n');
    const script = path.join(folder, 'script.py');
    fs.writeFileSync(script, 'import sys, helper_module\nif __name__ == "__main__":\n    print(sys.argv[0] == __file__, helper_module.VALUE + 1, sys.argv[1:])\n');
    expect(runPython([script, 'x'])).toEqual({ status: 0, signal: null, stdout: 'True 42 [\'x\']\n', stderr: '' });
  });

  it('reports an uncaught exception as the interpreter does: its traceback on stderr, status 1', () => {
    const run = runPython(['-c', 'raise ValueError("the reason")']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Traceback \(most recent call last\):[\s\S]*ValueError: the reason\n$/);
  });

  it('runs in the folder and environment asked for, and reports a run killed by a signal', () => {
    const run = runPython(['-c', 'import os; print(os.getcwd(), os.environ.get("RUNNER_PROBE"))'], { cwd: folder, env: { ...process.env, RUNNER_PROBE: 'probe' } });
    expect(run.stdout).toBe(`${fs.realpathSync(folder)} probe\n`);
    expect(runPython(['-c', 'import os; print(os.environ.get("RUNNER_PROBE"))']).stdout).toBe('None\n');
    expect(runPython(['-c', 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'])).toMatchObject({ status: null, signal: 'SIGKILL' });
  });

  it('gives each run its own process: nothing one run changes reaches the next, and random state is fresh', () => {
    const probe = 'import os, random, numpy, pydicom\nprint(os.getpid(), getattr(pydicom, "planted", None), random.random(), numpy.random.rand())\npydicom.planted = 1';
    const [first, second] = [runPython(['-c', probe]).stdout.split(' '), runPython(['-c', probe]).stdout.split(' ')];
    expect(first[0]).not.toBe(second[0]);
    expect([first[1], second[1]]).toEqual(['None', 'None']);
    expect(first[2]).not.toBe(second[2]);
    expect(first[3]).not.toBe(second[3]);
  });
});
