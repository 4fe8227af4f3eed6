import { useState } from 'react';
import { PacsSettingsDialog, usePacsSettings } from '../settings';
import { PacsBrowser } from './PacsBrowser';

/** The PACS source of the study browser, or how to configure a PACS when none is. */
export function PacsSource() {
  const { pacs, reload } = usePacsSettings();
  const [settings, setSettings] = useState(false);
  if (pacs === undefined) return <p className="muted">Reading the PACS settings…</p>;
  return (
    <>
      {pacs ? (
        <PacsBrowser pacsUrl={pacs.url} />
      ) : (
        <p className="empty-note" data-testid="pacs-not-configured">
          No PACS is configured. Set its DICOMweb URL in PACS settings to search it and open its studies here.
        </p>
      )}
      <button type="button" onClick={() => setSettings(true)} data-testid="pacs-settings-open">
        PACS settings…
      </button>
      {settings && <PacsSettingsDialog current={pacs} onSaved={reload} onClose={() => setSettings(false)} />}
    </>
  );
}
