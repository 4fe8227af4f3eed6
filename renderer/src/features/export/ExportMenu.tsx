import { useEffect, useRef, useState } from 'react';
import type { StudySummary } from '@shared/dicom/study';
import type { MenuExportKind } from '@shared/export/export-job';
import { PacsSettingsDialog, usePacsSettings } from '../settings';
import { formatPatientName } from '@shared/dicom/person-name';
import { ExportDialog } from './ExportDialog';
import { EXPORT_KINDS } from './export-kinds';
import './export.css';

const STUDY_KINDS: MenuExportKind[] = ['referral', 'sr', 'seg', 'fhir', 'csv', 'json', 'dataset'];

/** The study page's Export menu: every export of the study, Send SR to PACS when one is configured, and the PACS settings. */
export function ExportMenu({ study }: { study: StudySummary }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<MenuExportKind | null>(null);
  const [settings, setSettings] = useState(false);
  const { pacs, reload } = usePacsSettings();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => !menu.current?.contains(event.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const choose = (next: MenuExportKind) => {
    setOpen(false);
    setKind(next);
  };
  const kinds = pacs ? [...STUDY_KINDS, 'stow' as const] : STUDY_KINDS;
  return (
    <div className="menu-anchor" ref={menu}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="export-menu">
        Export ▾
      </button>
      {open && (
        <div className="menu" role="menu" data-testid="export-menu-list">
          {kinds.map((k) => (
            <button key={k} type="button" role="menuitem" onClick={() => choose(k)} data-testid={`export-kind-${k}`}>
              {EXPORT_KINDS[k].label}…
            </button>
          ))}
          <hr />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              setSettings(true);
            }}
            data-testid="pacs-settings-open"
          >
            PACS settings…{pacs ? '' : ' (none configured)'}
          </button>
        </div>
      )}
      {kind && (
        <ExportDialog
          kind={kind}
          studyInstanceUids={[study.studyInstanceUid]}
          subject={`${formatPatientName(study.patientName)}${study.description ? ` · ${study.description}` : ''}`}
          pacsUrl={pacs?.url ?? null}
          onClose={() => setKind(null)}
        />
      )}
      {settings && pacs !== undefined && <PacsSettingsDialog current={pacs} onSaved={reload} onClose={() => setSettings(false)} />}
    </div>
  );
}
