import fs from 'node:fs';
import tls from 'node:tls';

/** Where the operating system keeps its certificate bundle, on the systems that have one file for it. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

let systemStore: readonly string[] | null = null;

/**
 * The certificate authorities a PACS over https is checked against: the system's store (Node's
 * `tls.getCACertificates('system')` where it has one, else the system bundle file) and Node's
 * own bundle. Read once: it does not change while the app runs.
 */
export function systemCertificateAuthorities(): readonly string[] {
  if (systemStore) return systemStore;
  const getCA = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  const fromSystem = getCA ? getCA('system') : readSystemBundle();
  systemStore = [...(getCA ? getCA('default') : tls.rootCertificates), ...fromSystem];
  return systemStore;
}

function readSystemBundle(): string[] {
  for (const file of SYSTEM_BUNDLES) {
    try {
      return fs.readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    } catch {
      // Not on this system: try the next place.
    }
  }
  return [];
}
