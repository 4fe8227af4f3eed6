import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applySecurityFuses, readFuses } from '../../../electron/packaging/security-fuses';

// No Electron binary can be had on these machines: the wire is planted in a file laid out as
// Electron lays it out (sentinel, version 1, length, one byte per fuse), inside random bytes.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '110111001'; // RunAsNode on ... WasmTrapHandlers on: as Electron ships

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function plantedBinary(wire: string): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
  const file = path.join(dir, 'bonemet-review');
  const padding = Buffer.alloc(64 * 1024, 0x90);
  fs.writeFileSync(file, Buffer.concat([padding, Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), padding]));
  return file;
}

describe('security fuses at packaging', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file: privileges and turns on asar-only loading', async () => {
    const binary = plantedBinary(ELECTRON_DEFAULT_WIRE);
    expect((await readFuses(binary)).RunAsNode).toBe('1');
    await applySecurityFuses(binary);
    expect(await readFuses(binary)).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: '1',
    });
  });

  it('refuses a binary whose wire has a fuse this app has not decided on', async () => {
    const binary = plantedBinary(`${ELECTRON_DEFAULT_WIRE}1`);
    await expect(applySecurityFuses(binary)).rejects.toThrow(/not long enough|strictlyRequireAllFuses/);
    // Nothing half-written: the wire is as it was.
    expect((await readFuses(binary)).RunAsNode).toBe('1');
  });

  it('refuses a file that is not an Electron binary', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    const file = path.join(dir, 'not-electron');
    fs.writeFileSync(file, 'just text');
    await expect(applySecurityFuses(file)).rejects.toThrow(/sentinel/);
  });
});
