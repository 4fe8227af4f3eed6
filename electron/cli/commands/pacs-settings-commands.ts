import path from 'node:path';
import { AppError } from '@shared/errors';
import { CERTIFICATE_PEM_MAX_CHARS, type PacsSettings } from '@shared/export/pacs-settings';
import { readFileOrPipe } from '../../core/files/special-files';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';

function describe(settings: PacsSettings | null): string {
  if (!settings) return 'No PACS is configured (pacs set --url URL).';
  const lines = [`PACS: ${settings.url}`, `Authorization: ${settings.authScheme ? `${settings.authScheme} (saved, never shown)` : 'none'}`];
  const cert = settings.trustedCertificate;
  lines.push(`Trusted certificate: ${cert ? `${cert.subject}, SHA-256 ${cert.fingerprint256}, valid to ${cert.validTo}` : 'none (the system certificate store decides)'}`);
  lines.push(`Team sync: synced every ${settings.syncIntervalSeconds} s while the app runs`);
  return lines.join('\n');
}

/**
 * `pacs set --url URL (or pacs set URL) [--auth-header H] [--no-auth-header] [--trust-certificate FILE.pem]
 * [--no-trust-certificate] [--sync-interval SECONDS]`: saves the PACS. The header may come from BONEMET_PACS_AUTH_HEADER instead (a command line is
 * visible to `ps`); left out, a header saved for the same URL is kept, and for another URL dropped.
 */
export async function pacsSetCommand(args: ParsedArguments): Promise<void> {
  const url = flagValue(args, 'url') ?? args.positionals[0];
  if (!url) throw new AppError('invalid_request', 'pacs set needs --url <DICOMweb root URL, e.g. http://localhost:8042/dicom-web>');
  if (args.flags.get('auth-header') === true) throw new AppError('invalid_request', '--auth-header needs a value, e.g. --auth-header "Bearer <token>"');
  const header = args.flags.has('no-auth-header') ? null : (flagValue(args, 'auth-header') ?? process.env.BONEMET_PACS_AUTH_HEADER);
  const certFile = flagValue(args, 'trust-certificate');
  let certificate: string | null | undefined = args.flags.has('no-trust-certificate') ? null : undefined;
  if (certFile) {
    certificate = readFileOrPipe(path.resolve(certFile), { maxBytes: CERTIFICATE_PEM_MAX_CHARS, what: 'a PEM certificate' }).toString('utf8');
  }
  const core = openCore(args);
  try {
    const interval = flagValue(args, 'sync-interval');
    const saved = await call(core, 'pacs.set', {
      url,
      ...(header === undefined ? {} : { authHeader: header }),
      ...(certificate === undefined ? {} : { trustedCertificate: certificate }),
      ...(interval === undefined ? {} : { syncIntervalSeconds: Number(interval) }),
    });
    if (args.flags.has('json')) return void printJson(saved);
    console.log(describe(saved));
    const again = (await call(core, 'pacs.outbox', {})).items.filter((item) => item.purpose === 'new-pacs').length;
    if (again > 0) console.log(`${again} document(s) published before are queued for this PACS, which does not hold them (see outbox).`);
  } finally {
    core.close();
  }
}

/** `pacs get [--json]`: the configured PACS (the header's scheme only, never its secret). */
export async function pacsGetCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    const settings = await call(core, 'pacs.get', {});
    if (args.flags.has('json')) return void printJson(settings);
    console.log(describe(settings));
  } finally {
    core.close();
  }
}

/** `pacs cache [--limit-gb N] [--json]`: the cache's use and limit; --limit-gb sets the limit, evicting at once. */
export async function pacsCacheCommand(args: ParsedArguments): Promise<void> {
  const limit = flagValue(args, 'limit-gb');
  const core = openCore(args);
  try {
    const cache = limit === undefined ? await call(core, 'pacs.cache', {}) : await call(core, 'pacs.setCacheLimit', { limitBytes: Math.round(Number(limit) * 2 ** 30) });
    if (args.flags.has('json')) return void printJson(cache);
    const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
    console.log(`PACS cache: ${gb(cache.usedBytes)} of ${gb(cache.limitBytes)} in ${cache.studies} studies (${cache.pinnedStudies} kept whatever the limit: they hold findings).`);
  } finally {
    core.close();
  }
}
