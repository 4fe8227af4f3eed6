import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { naturalize, parsePart10 } from '../../../electron/core/export/dicom/part10-io';

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A DICOM file's dataset, keyword-keyed. */
export function readDataset(file: string): Record<string, unknown> {
  return naturalize(parsePart10(fs.readFileSync(file), file).dict) as Record<string, unknown>;
}

const printable = (b: number) => b >= 0x20 && b <= 0x7e;

/**
 * Every run of printable ASCII in a buffer, at least `min` characters long, read as single bytes
 * (UTF-8 and Latin-1 alike) and as UTF-16 code units of either byte order. An ASCII text anywhere in
 * the bytes, in any of those encodings, lies inside one of these runs: searching the runs is
 * searching every byte, in one pass instead of one pass per value.
 */
export function textRuns(bytes: Uint8Array, min: number): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && printable(bytes[i]!)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= min) runs.push(Buffer.from(bytes.subarray(start, i)).toString('latin1'));
      start = -1;
    }
  }
  for (const [text, zero] of [[0, 1], [1, 0]] as const) {
    for (const align of [0, 1]) {
      let chars: string[] = [];
      const flush = () => {
        if (chars.length >= min) runs.push(chars.join(''));
        chars = [];
      };
      for (let i = align; i + 1 < bytes.length; i += 2) {
        if (printable(bytes[i + text]!) && bytes[i + zero] === 0) chars.push(String.fromCharCode(bytes[i + text]!));
        else flush();
      }
      flush();
    }
  }
  return runs;
}

/** The values (printable ASCII) found anywhere in the bytes, in UTF-8/Latin-1 or UTF-16 LE/BE. */
export function valuesIn(bytes: Uint8Array, values: readonly string[]): string[] {
  const min = Math.min(...values.map((v) => v.length));
  const runs = textRuns(bytes, min);
  return values.filter((v) => runs.some((run) => run.includes(v)));
}

/** A CSV file as Python's csv module reads it: an RFC 4180 reader that is not ours. */
export function readCsvWithPython(file: string): string[][] {
  const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))';
  const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python csv ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[][];
}
