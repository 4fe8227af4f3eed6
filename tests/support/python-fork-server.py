"""Runs the tests' Python scripts, each in a process of its own forked from this one, which imported
numpy and pydicom once: a quarter of a second of interpreter start-up saved per run.

Usage: python3 python-fork-server.py REQUEST_FIFO RESPONSE_FIFO FOLDER (see python-runner.ts).
Each request is one JSON line: {"args": [script or "-c", ...], "cwd", "env", "stdout", "stderr"};
the script runs as `python3 args...` would run it, in a child forked for it (so nothing it does
reaches the next run), its output in the two files named; the answer is one line {"status"}, or
{"signal"}. Writes "ready" first. Exits, removing FOLDER, when its stdin closes (its parent is gone).
"""
import json
import os
import runpy
import select
import shutil
import sys
import traceback

import numpy
import pydicom  # noqa: F401 (imported for the children)


def run_child(request, server_fds):
    """In the forked child: becomes `python3 args...` and exits with its status."""
    for fd in server_fds:
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, file in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    # numpy's global generator was seeded in the server: each run gets fresh entropy, as a new process does.
    numpy.random.seed()
    args = request["args"]
    status = 0
    try:
        if args[0] == "-c":
            sys.argv = ["-c", *args[2:]]
            sys.path[0] = ""
            exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
        else:
            sys.argv = list(args)
            sys.path[0] = os.path.dirname(os.path.abspath(args[0]))
            runpy.run_path(args[0], run_name="__main__")
    except SystemExit as stop:
        if stop.code is None:
            status = 0
        elif isinstance(stop.code, int):
            status = stop.code
        else:
            print(stop.code, file=sys.stderr)
            status = 1
    except BaseException:  # as the interpreter does: the traceback on stderr, status 1
        traceback.print_exc()
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(status & 0xFF)


def main():
    request_fifo, response_fifo, folder = sys.argv[1:4]
    # Read and write: the request pipe never reads end-of-file between the parent's requests.
    requests = os.open(request_fifo, os.O_RDWR)
    responses = os.open(response_fifo, os.O_WRONLY)
    os.write(responses, b"ready\n")
    line = b""
    while True:
        readable, _, _ = select.select([requests, 0], [], [])
        if 0 in readable:  # stdin at its end: the parent is gone
            shutil.rmtree(folder, ignore_errors=True)
            return
        line += os.read(requests, 65536)
        while b"\n" in line:
            raw, line = line.split(b"\n", 1)
            request = json.loads(raw)
            pid = os.fork()
            if pid == 0:
                run_child(request, (requests, responses))
            _, status = os.waitpid(pid, 0)
            answer = {"status": os.WEXITSTATUS(status)} if os.WIFEXITED(status) else {"signal": os.WTERMSIG(status)}
            os.write(responses, (json.dumps(answer) + "\n").encode())


if __name__ == "__main__":
    main()
