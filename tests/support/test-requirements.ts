import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Where to look: the filesystem root for the fixed paths, and the PATH for commands. */
export interface Machine {
  root: string;
  path: string;
}

/** One thing `npm test` runs, how to tell it is there, and the Debian packages that bring it. */
interface Requirement {
  what: string;
  present(machine: Machine): boolean;
  packages: string[];
}

const at = (machine: Machine, absolute: string) => path.join(machine.root, absolute);
const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Whether a command is on the machine's PATH. */
export function hasCommand(machine: Machine, command: string): boolean {
  return machine.path.split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
}
const onPath = (command: string) => (machine: Machine) => hasCommand(machine, command);

/**
 * What the tests run besides Node: the browser the end-to-end tests drive, the DICOM tools that
 * check the exports (dcm2niix the research NIfTI), the PACS the DICOMweb tests talk to, the PDF renderer and Debian's Python
 * with pydicom (the independent reader the tests compare with).
 */
export const TEST_REQUIREMENTS: Requirement[] = [
  { what: '/usr/bin/chromium', present: (m) => isExecutable(at(m, '/usr/bin/chromium')), packages: ['chromium'] },
  { what: 'dcmdump', present: onPath('dcmdump'), packages: ['dcmtk'] },
  { what: 'dciodvfy', present: onPath('dciodvfy'), packages: ['dicom3tools'] },
  { what: 'gdcmscanner', present: onPath('gdcmscanner'), packages: ['libgdcm-tools'] },
  { what: 'dcm2niix', present: onPath('dcm2niix'), packages: ['dcm2niix'] },
  { what: 'Orthanc', present: (m) => isExecutable(at(m, '/usr/sbin/Orthanc')), packages: ['orthanc'] },
  { what: "Orthanc's DICOMweb plugin", present: (m) => fs.existsSync(at(m, '/usr/share/orthanc/plugins/libOrthancDicomWeb.so')), packages: ['orthanc-dicomweb'] },
  { what: 'pdftoppm', present: onPath('pdftoppm'), packages: ['poppler-utils'] },
  {
    what: '/usr/bin/python3 with pydicom, numpy and PIL',
    present: (m) => spawnSync(at(m, '/usr/bin/python3'), ['-c', 'import pydicom, numpy, PIL'], { stdio: 'ignore' }).status === 0,
    packages: ['python3-pydicom', 'python3-numpy', 'python3-pil'],
  },
];

/** The requirements this machine lacks. */
export function missingRequirements(machine: Machine): Requirement[] {
  return TEST_REQUIREMENTS.filter((requirement) => !requirement.present(machine));
}

/** The Debian packages that bring what is missing, each once. */
export function packagesFor(missing: readonly Requirement[]): string[] {
  return [...new Set(missing.flatMap((requirement) => requirement.packages))];
}

/** The apt-get command that installs them, as this user must type it. */
export function installCommand(packages: readonly string[], asRoot: boolean): string {
  return `${asRoot ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
}

/** The one line `npm test` stops with: what is missing and the exact command to run. */
export function requirementMessage(missing: readonly Requirement[], asRoot: boolean): string {
  return `npm test needs ${missing.map((r) => r.what).join(', ')}, missing here: run \`${installCommand(packagesFor(missing), asRoot)}\`, then npm test again.`;
}
