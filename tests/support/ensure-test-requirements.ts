// `npm test`'s pretest: finds what the tests need that this machine lacks and installs it (as root,
// with apt-get), or stops with one line naming the exact command to run. Quiet when all is there.
import { spawnSync } from 'node:child_process';
import { hasCommand, missingRequirements, packagesFor, requirementMessage, type Machine } from './test-requirements';

const machine: Machine = { root: '/', path: process.env.PATH ?? '' };
const asRoot = process.getuid?.() === 0;
let missing = missingRequirements(machine);

if (missing.length > 0 && asRoot && hasCommand(machine, 'apt-get')) {
  const packages = packagesFor(missing);
  process.stderr.write(`Installing the Debian packages npm test needs: ${packages.join(' ')}\n`);
  const apt = (...args: string[]) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (apt('update', '-qq')) apt('install', '-y', '-qq', ...packages);
  missing = missingRequirements(machine);
}
if (missing.length > 0) {
  process.stderr.write(`${requirementMessage(missing, asRoot)}\n`);
  process.exit(1);
}
