// The floor again, on both cores: a worker thread walks and stats half of the top-level folders
// while the main thread does the other half. It answers whether a parallel walk could beat the
// one-thread floor (on this 2-core machine it does not: a thread's start-up costs what it saves).
import fs from 'node:fs';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

/** Files under the folders, each stat'ed as a re-import must. */
function statUnder(folders) {
  let files = 0;
  for (const folder of folders) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = `${folder}/${entry.name}`;
      if (entry.isDirectory()) files += statUnder([full]);
      else if (fs.statSync(full).size >= 0) files++;
    }
  }
  return files;
}

if (isMainThread) {
  const root = process.argv[2];
  const worker = new Worker(new URL(import.meta.url));
  const top = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${root}/${e.name}`);
  const half = Math.ceil(top.length / 2);
  const theirs = new Promise((resolve) => worker.once('message', resolve));
  worker.postMessage(top.slice(0, half));
  const mine = statUnder(top.slice(half));
  console.log(mine + (await theirs));
  await worker.terminate();
} else {
  parentPort.once('message', (folders) => parentPort.postMessage(statUnder(folders)));
}
