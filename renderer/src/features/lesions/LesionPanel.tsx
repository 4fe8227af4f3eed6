import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Lesion } from '@shared/lesion/lesion';
import { isReviewingRole } from '@shared/reader/roles';
import { call } from '../../api/client';
import { useNotices } from '../../app/errors';
import { NO_PERSISTENCE, type AnnotationPersistence } from '../../services/viewer/annotation-persistence';
import { selectAnnotation } from '../../services/viewer/annotation-selection';
import type { BoneAnalysis } from '../../services/viewer/bone-analysis/bone-analysis';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { useExternalStore } from '../../app/use-external-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { readerStore } from '../reader';
import { useFormHistory } from './form-history';
import { newLesionDraft, validateDraft, type LesionDraft } from './lesion-draft';
import { citedAnnotationIds, lesionAnnotationIds } from '@shared/lesion/cited-annotations';
import { withDrawnValues } from '@shared/lesion/drawn-values';
import { withWorstArc } from '@shared/lesion/worst-arc';
import { LesionForm } from './LesionForm';
import { DeleteLesionButton } from './DeleteLesionButton';
import { LesionList, lesionTitle } from './LesionList';
import { otherReadersDrawing } from './measured-links';
import './lesions.css';
import { useStudyLesions } from './use-study-lesions';
import { StaleLesionNote, type StaleRefusal } from './StaleLesionNote';
import { ApiError } from '../../api/api-error';

interface LesionPanelProps {
  session: ViewerSession;
  persistence: AnnotationPersistence | null;
  /** The page's bone analysis, whose proposals the form offers to accept. */
  boneAnalysis?: BoneAnalysis | null;
  studyUid: string;
  /** The series a new lesion is recorded on when no stack viewport is active. */
  seriesUid: string;
  focusLesionId?: string;
  /** Under the open lesion: what else to show of it, given the revision the form read it at. */
  lesionExtras?: (lesion: Lesion, revision: number) => ReactNode;
}

/** The lesion panel beside the viewer: the study's lesions, "New lesion", and the selected lesion's form. */
export function LesionPanel({ session, persistence, boneAnalysis = null, studyUid, seriesUid, focusLesionId, lesionExtras }: LesionPanelProps) {
  const { reader } = useExternalStore(readerStore);
  const [allReaders, setAllReaders] = useState(Boolean(focusLesionId));
  const { lesions, reload } = useStudyLesions(studyUid, allReaders);
  // After a reload, the lesion the reader had open (session.resumed).
  const [selectedId, setSelectedId] = useState<string | null>(focusLesionId ?? session.resumed?.lesionId ?? null);
  useEffect(() => {
    session.selectedLesionId = selectedId;
  }, [session, selectedId]);
  const [saving, setSaving] = useState(false);
  const form = useFormHistory<LesionDraft | null>(null);
  // Whether the reader typed into the open form since it was opened or saved (the panel's own
  // updates, such as a dragged drawing's new figure, are not theirs).
  const [edited, setEdited] = useState(false);
  const readerForm = {
    ...form,
    set: (next: LesionDraft | null) => {
      setEdited(true);
      form.set(next);
    },
  };
  // The revision the open form read its lesion at (null: a new lesion): every save and deletion
  // carries it, and the core refuses one made on a version saved over since ('stale').
  const [readRevision, setReadRevision] = useState<number | null>(null);
  const [stale, setStale] = useState<StaleRefusal | null>(null);
  const [loadingCurrent, setLoadingCurrent] = useState(false);
  const resetForm = useCallback(
    (value: LesionDraft | null, revision: number | null = null) => {
      setEdited(false);
      setStale(null);
      setReadRevision(revision);
      form.reset(value);
    },
    [form],
  );
  /** A refusal because the lesion changed elsewhere is shown in the form, the edits kept; any other is reported. */
  const refused = (error: unknown, what: string) => {
    if (error instanceof ApiError && error.code === 'stale') setStale({ message: error.message });
    else reportError(error, what);
  };
  // A switch held while the open form has unsaved edits: run once the reader chooses to drop them.
  const [heldSwitch, setHeldSwitch] = useState<{ go(): void } | null>(null);
  const { annotations, selected } = useExternalStore(session.annotations.list);
  const { loaded: restored, records } = useExternalStore(persistence?.state ?? NO_PERSISTENCE);
  const { reportError, inform } = useNotices();
  const selectedAnnotation = annotations.find((a) => a.annotationUid === selected[0]) ?? null;
  // A measured value whose drawing is neither stored nor shown says so (the reader deleted it).
  const knownDrawings = useMemo(() => (restored ? new Set([...records.keys(), ...annotations.map((a) => a.annotationUid)]) : null), [restored, records, annotations]);
  const selectedNotOwn = selectedAnnotation ? otherReadersDrawing(records.get(selectedAnnotation.annotationUid)?.reader ?? null, reader?.initials ?? null) : null;

  // A drawing saved with new figures (a linked Length dragged longer): the core gave the lesion that
  // measured a value on it the new figure, so the list is read again, and the open form takes it too.
  const { set: setDraft } = form;
  const draftNow = form.value;
  const figures = useMemo(() => JSON.stringify([...records.values()].map((r) => [r.id, r.measurements])), [records]);
  const seenFigures = useRef(figures);
  useEffect(() => {
    if (seenFigures.current === figures) return;
    seenFigures.current = figures;
    void reload();
    if (!draftNow) return;
    const drawn = citedAnnotationIds(draftNow).reduce((d, id) => {
      const record = records.get(id);
      return record ? withDrawnValues(d, record) : d;
    }, draftNow);
    // One of its arcs redrawn larger than the linked one: the worst arc is scored, as the core does.
    const worst = withWorstArc(drawn, records.values());
    if (worst !== draftNow) setDraft(worst);
  }, [figures, records, draftNow, setDraft, reload]);

  // Again once the saved drawings are restored: they arrive after the toggle's first pass.
  useEffect(() => persistence?.showOtherReaders(allReaders), [persistence, allReaders, restored]);

  // Selecting a lesion opens its form and shows its slice with its annotations: a drawing a value was
  // measured on first, else one attached to it (an outline kept with typed sizes).
  const open = useCallback(
    (lesion: Lesion, revision: number, show = true) => {
      setSelectedId(lesion.id);
      resetForm(lesion, revision);
      const [first] = lesionAnnotationIds(lesion);
      if (first && show) selectAnnotation(session, first);
    },
    [resetForm, session],
  );
  const focusReady = restored && lesions !== null;
  useEffect(() => {
    if (!focusReady || !selectedId || form.value?.id === selectedId) return;
    const found = lesions.find((l) => l.lesion.id === selectedId);
    // Reopened by a reload, the lesion does not move the reader off the slice they were on.
    if (found) open(found.lesion, found.revision, !session.resumed);
  }, [focusReady, lesions, selectedId, form.value, open, session]);

  const create = () => {
    if (!reader) return inform('Sign in first (reader chip in the header): every lesion carries its reader.');
    const active = session.activeViewport();
    const series = (active && session.get(active)?.stack.seriesUid) || seriesUid;
    const draft = newLesionDraft(studyUid, series, reader.initials);
    setSelectedId(draft.id);
    resetForm(draft);
  };

  const save = async () => {
    const draft = form.value;
    if (!draft) return;
    const checked = validateDraft({ ...draft, updatedAt: new Date().toISOString() });
    if ('problem' in checked) return inform(checked.problem);
    setSaving(true);
    try {
      // The core links the drawings the lesion's measured values cite (and unlinks the others) in
      // the same transaction; the viewer's records are read back to show it.
      const { lesion, revision } = await call('lesions.save', { lesion: checked.lesion, revision: readRevision });
      await persistence?.reloadRecords();
      resetForm(lesion, revision);
      await reload();
    } catch (error) {
      refused(error, 'Saving the lesion failed');
    } finally {
      setSaving(false);
    }
  };

  // The reader chose to drop their edits for the version stored now (or to close a lesion deleted meanwhile).
  const loadCurrent = async (lesionId: string) => {
    setLoadingCurrent(true);
    try {
      const current = await call('lesions.get', { id: lesionId });
      open(current.lesion, current.revision, false);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'not_found')) return reportError(error, 'Loading the current version failed');
      inform(`${error.message} The form is closed.`);
      setSelectedId(null);
      resetForm(null);
    } finally {
      setLoadingCurrent(false);
    }
    await Promise.all([persistence?.reloadRecords(), reload()]);
  };

  // The core unlinks the lesion's measurements in the same transaction as the deletion, so a
  // refused deletion leaves them linked; the viewer's records are read back afterwards.
  const remove = async (lesionId: string) => {
    try {
      await call('lesions.delete', { id: lesionId, ...(readRevision === null ? {} : { revision: readRevision }) });
    } catch (error) {
      return refused(error, 'Deleting the lesion failed');
    }
    setSelectedId(null);
    resetForm(null);
    await Promise.all([persistence?.reloadRecords(), reload()]);
  };

  const draft = form.value;
  const storedEntry = draft ? lesions?.find((l) => l.lesion.id === draft.id) : undefined;
  const stored = storedEntry?.lesion;
  // A lesion received from another workstation is its reader's there: read-only here, whoever is signed in.
  const origin = storedEntry?.origin ?? null;
  const readOnly = !draft || !reader || isReviewingRole(reader.role) || draft.reader !== reader.initials || origin !== null;
  const unsaved = !readOnly && edited && form.canUndo;
  // Picking another lesion, or "New lesion", would drop typed values: asked first.
  const unlessUnsaved = (go: () => void) => (unsaved ? setHeldSwitch({ go }) : go());
  const select = (id: string) => {
    const found = lesions?.find((l) => l.lesion.id === id);
    if (!found) return;
    // The open lesion picked again shows its slice and keeps what is typed.
    if (id === draft?.id && unsaved) {
      const [first] = lesionAnnotationIds(found.lesion);
      if (first) selectAnnotation(session, first);
      return;
    }
    unlessUnsaved(() => open(found.lesion, found.revision));
  };
  return (
    <aside className="lesion-panel" aria-label="Lesions" data-testid="lesion-panel">
      <header className="lesion-panel-header">
        <h2 className="section-title">Lesions</h2>
        <label className="small" title="Each reader sees their own lesions by default">
          <input type="checkbox" checked={allReaders} onChange={(e) => setAllReaders(e.target.checked)} data-testid="lesions-all-readers" /> all readers
        </label>
        <button type="button" onClick={() => unlessUnsaved(create)} disabled={reader ? isReviewingRole(reader.role) : false} data-testid="lesion-new">
          New lesion
        </button>
      </header>
      {lesions && lesions.length === 0 && !draft && <p className="muted small">No lesion yet. Draw on the image, then "New lesion".</p>}
      {lesions && <LesionList lesions={lesions} selectedId={selectedId} onSelect={select} />}
      {draft && origin && (
        <p className="received-note small" data-testid="lesion-received">
          Recorded by {draft.reader}{origin.readerName ? ` (${origin.readerName})` : ''} on workstation {origin.workstation}, received through the PACS (version {origin.version}): read-only here.
        </p>
      )}
      {draft && (
        <LesionForm
          key={draft.id}
          session={session}
          boneAnalysis={boneAnalysis}
          form={readerForm as ReturnType<typeof useFormHistory<LesionDraft>>}
          selectedAnnotation={selectedAnnotation}
          selectedNotOwn={selectedNotOwn}
          knownDrawings={knownDrawings}
          readOnly={readOnly}
          saving={saving}
          onSave={() => void save()}
          alert={stale && <StaleLesionNote refusal={stale} loading={loadingCurrent} onLoad={() => void loadCurrent(draft.id)} />}
          actions={
            stored && !origin && (
              <DeleteLesionButton
                title={lesionTitle(stored)}
                measurementCount={[...records.values()].filter((record) => record.lesionId === stored.id).length}
                onDelete={() => remove(stored.id)}
              />
            )
          }
          extras={lesionExtras && storedEntry && readRevision !== null ? lesionExtras(storedEntry.lesion, readRevision) : undefined}
        />
      )}
      {heldSwitch && draft && (
        <ConfirmDialog
          title="Drop the unsaved changes?"
          confirmLabel="Drop changes"
          onConfirm={() => {
            setHeldSwitch(null);
            heldSwitch.go();
          }}
          onCancel={() => setHeldSwitch(null)}
        >
          <p data-testid="lesion-unsaved-what">
            The changes typed into {stored ? lesionTitle(stored) : 'the new lesion'} are not saved. Cancel, then "Save lesion", keeps them; dropping them {stored ? 'leaves the lesion as last saved' : 'discards the new lesion'}.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
