import { useImport } from '../import';

/** First run: nothing is indexed yet, so offer the demo study and the folder import. */
export function WelcomePanel() {
  const { loadDemo, chooseFolder, busy } = useImport();
  return (
    <section className="welcome" data-testid="welcome-panel" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to BoneMet Review</h1>
      <p>
        No studies are indexed yet. Import a folder of DICOM files (subfolders and DICOMDIR included), drop files or folders
        anywhere on this window, or start with the demo study: a synthetic CT of both thighs with bone lesions, computed from a phantom (not a patient).
      </p>
      <div className="welcome-actions">
        <button type="button" className="primary large" disabled={busy} onClick={chooseFolder} data-testid="welcome-import-folder">
          Import folder…
        </button>
        <button type="button" className="large" disabled={busy} onClick={loadDemo} data-testid="load-demo">
          Load demo study
        </button>
      </div>
      <p className="muted small">Importing only reads the files: nothing is moved, changed or sent anywhere.</p>
    </section>
  );
}
