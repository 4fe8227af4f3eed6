import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { missingRequirements, packagesFor, requirementMessage, TEST_REQUIREMENTS } from '../../support/test-requirements';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// The pretest of `npm test`: it must name exactly what a machine lacks and the one command that
// installs it. Machines are built as folders: a root for the fixed paths and a PATH of commands.
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function machineWith(files: Record<string, string>): { root: string; path: string } {
  const root = temporaryFolder('machine');
  folders.push(root);
  fs.mkdirSync(path.join(root, 'bin'));
  for (const [file, script] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, script, { mode: 0o755 });
  }
  return { root, path: path.join(root, 'bin') };
}
/** Runs the pretest script as `npm test` does, with spawn options (env, uid) of the caller's choice. */
function runPretest(options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}) {
  const script = path.join(REPO_ROOT, 'tests/support/ensure-test-requirements.ts');
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), script], { encoding: 'utf8', ...options });
}
const SUCCEEDS = '#!/bin/sh\nexit 0\n';
const FAILS = '#!/bin/sh\nexit 1\n';

describe('the test requirements check', () => {
  it('on a machine with none of the tools: names every one and the one apt-get command, in one line', () => {
    const missing = missingRequirements(machineWith({}));
    expect(missing).toHaveLength(TEST_REQUIREMENTS.length);
    expect(requirementMessage(missing, false)).toBe(
      'npm test needs /usr/bin/chromium, dcmdump, dciodvfy, gdcmscanner, dcm2niix, Orthanc, Orthanc\'s DICOMweb plugin, pdftoppm, /usr/bin/python3 with pydicom, numpy and PIL, missing here: ' +
        'run `sudo apt-get install -y chromium dcmtk dicom3tools libgdcm-tools dcm2niix orthanc orthanc-dicomweb poppler-utils python3-pydicom python3-numpy python3-pil`, then npm test again.',
    );
    expect(requirementMessage(missing, true)).toContain('run `apt-get install -y chromium dcmtk');
    expect(requirementMessage(missing, false)).not.toContain('\n');
  });

  it('on a machine with some: names only what is missing, and a Python without the modules as missing', () => {
    const machine = machineWith({
      'usr/bin/chromium': SUCCEEDS,
      'usr/sbin/Orthanc': SUCCEEDS,
      'usr/share/orthanc/plugins/libOrthancDicomWeb.so': '',
      'usr/bin/python3': FAILS, // a python3 whose `import pydicom, numpy, PIL` fails
      'bin/dcmdump': SUCCEEDS,
      'bin/dciodvfy': SUCCEEDS,
      'bin/pdftoppm': SUCCEEDS,
      'bin/dcm2niix': SUCCEEDS,
    });
    const missing = missingRequirements(machine);
    expect(missing.map((r) => r.what)).toEqual(['gdcmscanner', '/usr/bin/python3 with pydicom, numpy and PIL']);
    expect(packagesFor(missing)).toEqual(['libgdcm-tools', 'python3-pydicom', 'python3-numpy', 'python3-pil']);
    fs.writeFileSync(path.join(machine.root, 'usr/bin/python3'), SUCCEEDS);
    fs.writeFileSync(path.join(machine.root, 'bin/gdcmscanner'), '#!/bin/sh\n', { mode: 0o644 }); // not executable: not there
    expect(missingRequirements(machine).map((r) => r.what)).toEqual(['gdcmscanner']);
  });

  it('finds everything on this machine, and the pretest passes silently', () => {
    expect(missingRequirements({ root: '/', path: process.env.PATH ?? '' })).toEqual([]);
    const run = runPretest();
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('the pretest, without the tools and not as root, stops with that one line', () => {
    // A PATH without the DICOM tools: the fixed paths (/usr/bin/chromium...) are this machine's.
    const bare = machineWith({});
    // Not as root (as nobody, when the tests run as root), so it installs nothing.
    const notRoot = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = runPretest({ env: { ...process.env, PATH: bare.path }, ...notRoot });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('npm test needs dcmdump, dciodvfy, gdcmscanner, dcm2niix, pdftoppm, missing here: run `sudo apt-get install -y dcmtk dicom3tools libgdcm-tools dcm2niix poppler-utils`, then npm test again.\n');
  });

  // As root where apt-get is, the pretest installs what is missing. A stand-in apt-get on the PATH
  // records what it was asked and "installs" the commands, so nothing is installed on this machine.
  it.runIf(process.getuid?.() === 0)('the pretest, as root with apt-get, installs the missing packages and goes on', () => {
    const bare = machineWith({});
    const log = path.join(bare.root, 'apt.log');
    const fakeApt = [
      '#!/bin/sh',
      `echo "$*" >> ${log}`,
      'if [ "$1" = install ]; then',
      ...['dcmdump', 'dciodvfy', 'gdcmscanner', 'dcm2niix', 'pdftoppm'].map((c) => `  echo '#!/bin/sh' > ${bare.path}/${c}; /bin/chmod 755 ${bare.path}/${c}`),
      'fi',
    ].join('\n');
    fs.writeFileSync(path.join(bare.path, 'apt-get'), `${fakeApt}\n`, { mode: 0o755 });
    const run = runPretest({ env: { ...process.env, PATH: bare.path } });
    expect(run.stderr).toBe('Installing the Debian packages npm test needs: dcmtk dicom3tools libgdcm-tools dcm2niix poppler-utils\n');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toBe('update -qq\ninstall -y -qq dcmtk dicom3tools libgdcm-tools dcm2niix poppler-utils\n');
  });

  it('the README names the same packages', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`apt-get install -y ${packagesFor(TEST_REQUIREMENTS).join(' ')}`);
  });
});
