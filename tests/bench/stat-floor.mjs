// The floor of any re-import in Node: start a process, walk the folder and stat every file
// (path, size and mtime are what decide "unchanged"), nothing else.
import fs from 'node:fs';
import path from 'node:path';

let files = 0;
const visit = (folder) => {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) visit(full);
    else {
      const stat = fs.statSync(full);
      if (stat.size >= 0) files++;
    }
  }
};
visit(process.argv[2]);
console.log(files);
