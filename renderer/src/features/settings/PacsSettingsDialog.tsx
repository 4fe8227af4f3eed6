import { useState } from 'react';
import { DEFAULT_SYNC_INTERVAL_SECONDS, SyncIntervalSecondsSchema, type PacsSettings, type PacsTestResult } from '@shared/export/pacs-settings';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { PacsCacheSettings } from '../pacs';

interface PacsSettingsDialogProps {
  current: PacsSettings | null;
  onSaved(): void;
  onClose(): void;
}

/**
 * Configures the team's PACS, which findings are published to and fetched from and SR exports are
 * sent to: its DICOMweb root, an optional Authorization header, how often the app syncs with it, and a
 * real connection test.
 */
export function PacsSettingsDialog({ current, onSaved, onClose }: PacsSettingsDialogProps) {
  const [url, setUrl] = useState(current?.url ?? '');
  // Empty means "keep the saved header" when one is saved; the secret itself is never shown.
  const [header, setHeader] = useState('');
  const [removeHeader, setRemoveHeader] = useState(false);
  const [intervalText, setIntervalText] = useState(String(current?.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_SECONDS));
  const intervalSeconds = SyncIntervalSecondsSchema.safeParse(Number(intervalText));
  // Empty means "keep the trusted certificate" for the same URL, as for the header.
  const [certificate, setCertificate] = useState('');
  const [removeCertificate, setRemoveCertificate] = useState(false);
  const [test, setTest] = useState<PacsTestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The core keeps a saved header for its own URL only (the schema drops trailing slashes the same way).
  const savedHeaderApplies = Boolean(current?.authScheme) && url.trim().replace(/\/+$/, '') === current?.url;
  const removing = removeHeader && savedHeaderApplies;
  const headerField = removing ? null : header.trim() ? header.trim() : undefined;
  const savedCertificateApplies = Boolean(current?.trustedCertificate) && url.trim().replace(/\/+$/, '') === current?.url;
  const certificateField = removeCertificate && savedCertificateApplies ? null : certificate.trim() ? certificate.trim() : undefined;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const testConnection = () =>
    run(async () => {
      setTest(null);
      setTest(await call('pacs.test', { url: url.trim(), ...(headerField === undefined ? {} : { authHeader: headerField }) }));
    });
  const save = () =>
    run(async () => {
      await call('pacs.set', {
        url: url.trim(),
        ...(headerField === undefined ? {} : { authHeader: headerField }),
        ...(certificateField === undefined ? {} : { trustedCertificate: certificateField }),
        ...(intervalSeconds.success ? { syncIntervalSeconds: intervalSeconds.data } : {}),
      });
      onSaved();
      onClose();
    });
  const forget = () =>
    run(async () => {
      await call('pacs.clear', {});
      onSaved();
      onClose();
    });

  return (
    <Dialog
      title="PACS settings"
      onClose={onClose}
      testId="pacs-settings"
      footer={
        <>
          {current && (
            <button type="button" className="danger-outline" onClick={forget} disabled={busy} data-testid="pacs-forget">
              Forget this PACS
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={testConnection} disabled={busy || !url.trim()} data-testid="pacs-test">
            Test connection
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={save} disabled={busy || !url.trim() || !intervalSeconds.success} data-testid="pacs-save">
            Save
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="pacs-url">DICOMweb root URL</label>
        <input id="pacs-url" type="url" value={url} aria-describedby="pacs-url-hint" spellCheck={false} onChange={(e) => setUrl(e.target.value)} data-testid="pacs-url" />
        <span />
        <span id="pacs-url-hint" className="muted small">
          The server's DICOMweb root, e.g. http://localhost:8042/dicom-web for Orthanc.
        </span>
        <label htmlFor="pacs-auth">Authorization header (optional)</label>
        <input
          id="pacs-auth"
          type="password"
          value={header}
          autoComplete="off"
          disabled={removing}
          aria-describedby="pacs-auth-hint"
          onChange={(e) => setHeader(e.target.value)}
          data-testid="pacs-auth"
        />
        <span />
        <span id="pacs-auth-hint" className="muted small">
          {savedHeaderApplies
            ? `A ${current?.authScheme} header is saved and never shown; type a new one to replace it.`
            : current?.authScheme
              ? `The saved ${current.authScheme} header belongs to ${current.url} and is never sent to another URL: saving this URL removes it, so type the header again if this server needs one.`
              : 'The whole header value, e.g. Bearer <token>.'}
        </span>
      </div>
      <div className="form-grid">
        <label htmlFor="pacs-sync-interval">Sync with the team every</label>
        <span>
          <input id="pacs-sync-interval" type="number" min={5} max={3600} step={1} value={intervalText} onChange={(e) => setIntervalText(e.target.value)} aria-describedby="pacs-sync-hint" data-testid="pacs-sync-interval" /> s
        </span>
        <span />
        <span id="pacs-sync-hint" className={intervalSeconds.success ? 'muted small' : 'inline-error small'}>
          {intervalSeconds.success
            ? "While the app runs it fetches the team's findings and decisions this often; what you record is sent as soon as it is saved."
            : 'From 5 s to 3600 s (an hour).'}
        </span>
      </div>
      {savedHeaderApplies && (
        <label className="check-option">
          <input type="checkbox" checked={removeHeader} onChange={(e) => setRemoveHeader(e.target.checked)} /> Remove the saved {current?.authScheme} header
        </label>
      )}
      <p className="muted">The header is kept on this machine only and is never sent over plain http:// to another machine.</p>
      <div className="form-grid">
        <label htmlFor="pacs-cert">Trusted certificate (optional, PEM)</label>
        <textarea
          id="pacs-cert"
          rows={3}
          spellCheck={false}
          value={certificate}
          disabled={removeCertificate && savedCertificateApplies}
          aria-describedby="pacs-certificate-hint"
          onChange={(e) => setCertificate(e.target.value)}
          data-testid="pacs-certificate"
        />
        <span />
        <span id="pacs-certificate-hint" className="muted small" data-testid="pacs-certificate-hint">
          {savedCertificateApplies && current?.trustedCertificate
            ? `Trusted: ${current.trustedCertificate.subject}, SHA-256 ${current.trustedCertificate.fingerprint256}, valid to ${current.trustedCertificate.validTo}. Paste another to replace it.`
            : 'For an https:// PACS whose certificate is self-signed: paste its PEM block, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----; trusted for this URL only, beside the system certificate store.'}
        </span>
      </div>
      {savedCertificateApplies && (
        <label className="check-option">
          <input type="checkbox" checked={removeCertificate} onChange={(e) => setRemoveCertificate(e.target.checked)} /> Stop trusting the saved certificate
        </label>
      )}
      <PacsCacheSettings />
      {test && (
        <p className={test.ok ? 'ok-note' : 'inline-error'} data-testid="pacs-test-result" data-ok={test.ok} data-status={test.httpStatus ?? ''}>
          {test.ok ? 'Connected. ' : 'Not working. '}
          {test.message} ({test.milliseconds} ms)
        </p>
      )}
      {problem && (
        <p className="inline-error" role="alert" data-testid="pacs-problem">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
