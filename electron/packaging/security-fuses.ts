import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';

/**
 * The fuses every packaged BoneMet Review binary ships with. Each one closes a way to make the
 * signed app run code that is not ours (Electron's security checklist, "Fuses").
 */
export const SECURITY_FUSES = {
  version: FuseVersion.V1,
  // Every fuse the wire has must be set here: a new Electron fuse fails packaging until decided.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node with our signature.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let anyone inject code or attach a debugger to patient data.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is read only from the packaged asar, and that asar is checked against its hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, never file://: file: gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** Flips the security fuses in a packaged Electron binary (the executable, or the .app on macOS). */
export async function applySecurityFuses(electronBinary: string): Promise<void> {
  await flipFuses(electronBinary, { ...SECURITY_FUSES, resetAdHocDarwinSignature: process.platform === 'darwin' });
}

/** The fuse states a binary carries now, by fuse name ('0' off, '1' on, 'r' removed). */
export async function readFuses(electronBinary: string): Promise<Record<string, string>> {
  const wire = await getCurrentFuseWire(electronBinary);
  const fuses = Object.entries(wire).filter(([index]) => /^\d+$/.test(index));
  return Object.fromEntries(fuses.map(([index, state]) => [FuseV1Options[Number(index)] ?? index, String.fromCharCode(Number(state))]));
}
