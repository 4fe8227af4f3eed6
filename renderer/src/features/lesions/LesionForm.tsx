import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import { getBone } from '@shared/anatomy/catalogue';
import { hasSpineInputs, inputsForBone, type BoneInputs } from './bone-inputs';
import { IgnoredInputsNote } from './IgnoredInputsNote';
import { AttachedDrawings } from './AttachedDrawings';
import { WorstArcNote } from './WorstArcNote';
import { drawingFigures } from './lesion-arcs';
import { withWorstArc } from '@shared/lesion/worst-arc';
import { useExternalStore } from '../../app/use-external-store';
import { MirelsSizeDefinitionSelect } from './MirelsSizeDefinitionSelect';
import { LateralitySchema } from '@shared/anatomy/schema';
import {
  EsccGradeSchema,
  LesionNatureSchema,
  LesionStatusSchema,
  MirelsPainSchema,
  PosterolateralInvolvementSchema,
  SinsPainSchema,
  SpinalAlignmentSchema,
  VertebralCollapseSchema,
} from '@shared/lesion/categories';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { AxialExtentControls } from './AxialExtentControls';
import { BonePicker } from './BonePicker';
import { ChoiceSelect, FlagSelect } from './FlagSelect';
import type { FormHistory } from './form-history';
import { fromAnnotation, validateDraft, type LesionDraft, type MeasuredField } from './lesion-draft';
import { MeasuredInput } from './MeasuredInput';
import { valueFromAnnotation } from './measured-links';
import { maxMagnificationOf, spacingPlaneOf } from '../../services/viewer/stored-figures';
import { peekSeriesStack } from '../../services/viewer/series-stack';
import { ScoresView } from './ScoresView';
import { BoneProposals, RigidityProfile } from '../bone-analysis';
import type { BoneAnalysis } from '../../services/viewer/bone-analysis/bone-analysis';

interface LesionFormProps {
  session: ViewerSession;
  boneAnalysis?: BoneAnalysis | null;
  form: FormHistory<LesionDraft>;
  selectedAnnotation: AnnotationSnapshot | null;
  /** Why the selected annotation may not be linked (another reader's drawing), or null. */
  selectedNotOwn: string | null;
  /** The ids of the study's drawings stored or shown here, null until the stored ones are read. */
  knownDrawings: ReadonlySet<string> | null;
  readOnly: boolean;
  saving: boolean;
  onSave(): void;
  /** Shown beside "Save lesion" to the lesion's own reader (e.g. "Delete lesion" for a stored one). */
  actions?: ReactNode;
  /** Shown under the form's buttons: why the last save was refused, and what to do (a lesion changed elsewhere). */
  alert?: ReactNode;
  extras?: ReactNode;
}

/** The measured fields, and whether the scores of a bone read each (largest dimension is also a referral finding on any bone). */
const MEASURED: { field: MeasuredField; label: string; unit: string; readBy(inputs: BoneInputs): boolean }[] = [
  { field: 'largestDimensionMm', label: 'Largest dimension', unit: 'mm', readBy: () => true },
  { field: 'lesionWidthMm', label: 'Lesion width (Mirels size)', unit: 'mm', readBy: (b) => b.longBone },
  { field: 'boneDiameterMm', label: 'Bone diameter, same image', unit: 'mm', readBy: (b) => b.longBone },
  // The urgent cortical rule names no bone: every lesion's urgency reads them.
  { field: 'circumferentialInvolvementPct', label: 'Circumferential cortical involvement', unit: '%', readBy: () => true },
  { field: 'axialInvolvementMm', label: 'Axial cortical involvement', unit: 'mm', readBy: () => true },
];

/**
 * The lesion form: coded bone and region, laterality, nature, measured values (linked or typed),
 * flags, clinical and spine inputs, note, status, and the live scores. Ctrl+Z / Ctrl+Y inside the
 * form undo and redo form edits only (the viewer's Ctrl+Z undoes drawings when the image has focus).
 */
export function LesionForm({ session, boneAnalysis = null, form, selectedAnnotation, selectedNotOwn, knownDrawings, readOnly, saving, onSave, actions, alert, extras }: LesionFormProps) {
  const draft = form.value;
  const { annotations: drawings } = useExternalStore(session.annotations.list);
  // A smaller arc linked (or a larger one attached) while another arc of the lesion measures more:
  // the worst arc is scored, as the core scores it on save.
  const edit = (change: Partial<LesionDraft>) => form.set(withWorstArc({ ...draft, ...change }, drawingFigures(drawings)));
  const bone = getBone(draft.boneId);
  // The form shows the inputs the bone's scores read, and any other value already recorded.
  const inputs = inputsForBone(draft.boneId);
  const clinical = draft.clinical;
  // The form re-renders on every annotation change; parse and score only when the draft changes.
  const checked = useMemo(() => validateDraft(draft), [draft]);
  const cortical = draft.circumferentialInvolvementPct?.provenance;
  // The linked drawing gets the extent written on it, so another reader's is never taken from the selection.
  // Where the selected drawing's lengths lie: a radiograph's detector makes its mm a range in the scores.
  const selectedPlane = spacingPlaneOf(selectedAnnotation?.image ?? null, selectedAnnotation?.image ? peekSeriesStack(selectedAnnotation.image.seriesInstanceUid) : undefined);
  const selectedMagnification = maxMagnificationOf(selectedAnnotation?.image ?? null, selectedAnnotation?.image ? peekSeriesStack(selectedAnnotation.image.seriesInstanceUid) : undefined);
  const selectedCortical = selectedAnnotation?.toolName === 'CorticalInvolvement' && selectedNotOwn === null ? selectedAnnotation.annotationUid : null;
  const corticalId = cortical?.source === 'annotation' ? cortical.annotationId : selectedCortical;
  const onKeyDown = (event: KeyboardEvent) => {
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (!ctrl || (key !== 'z' && key !== 'y')) return;
    // Form edits have their own history: keep the key from the viewer's annotation undo.
    event.preventDefault();
    event.stopPropagation();
    if (key === 'y' || event.shiftKey) form.redo();
    else form.undo();
  };
  return (
    <form className="lesion-form" onSubmit={(e) => (e.preventDefault(), onSave())} onKeyDown={onKeyDown} data-testid="lesion-form" data-readonly={readOnly}>
      <fieldset disabled={readOnly}>
        <BonePicker
          boneId={draft.boneId}
          regionId={draft.regionId}
          disabled={readOnly}
          onPick={({ boneId, regionId, laterality }) => edit({ boneId, regionId, laterality: laterality ?? (boneId === draft.boneId ? draft.laterality : null) })}
        />
        <div className="form-row">
          <ChoiceSelect label="Laterality" value={draft.laterality} options={LateralitySchema.options.filter((l) => !bone?.paired || l !== 'midline')} disabled={readOnly} testId="lesion-laterality" onChange={(laterality) => edit({ laterality })} />
          <ChoiceSelect label="Nature" value={draft.nature} options={LesionNatureSchema.options} disabled={readOnly} testId="lesion-nature" onChange={(nature) => edit({ nature })} />
        </div>
        {!readOnly && selectedNotOwn && (
          <p className="muted small" id="link-not-own" data-testid="link-not-own">
            {selectedNotOwn}
          </p>
        )}
        {MEASURED.filter(({ field, readBy }) => readBy(inputs) || draft[field] !== null).map(({ field, label, unit }) => {
          const fromSelected = selectedNotOwn ? { problem: selectedNotOwn } : valueFromAnnotation(field, selectedAnnotation, selectedPlane);
          const provenance = draft[field]?.provenance;
          return (
            <MeasuredInput
              key={field}
              field={field}
              label={label}
              unit={unit}
              value={draft[field]}
              drawingGone={provenance?.source === 'annotation' && knownDrawings !== null && !knownDrawings.has(provenance.annotationId)}
              readOnly={readOnly}
              linkProblem={'problem' in fromSelected ? fromSelected.problem : null}
              linkProblemId={selectedNotOwn ? 'link-not-own' : undefined}
              onLink={() => 'value' in fromSelected && selectedAnnotation && edit({ [field]: field === 'circumferentialInvolvementPct' ? fromAnnotation(fromSelected.value, selectedAnnotation.annotationUid) : fromAnnotation(fromSelected.value, selectedAnnotation.annotationUid, selectedPlane, selectedMagnification) })}
              onChange={(value) => edit({ [field]: value })}
            />
          );
        })}
        <WorstArcNote draft={draft} drawings={drawings} />
        {!readOnly && boneAnalysis && <BoneProposals analysis={boneAnalysis} draft={draft} edit={edit} />}
        {inputs.longBone && (
          <div className="form-row">
            <MirelsSizeDefinitionSelect value={draft.mirelsSizeDefinition} disabled={readOnly} onChange={(mirelsSizeDefinition) => edit({ mirelsSizeDefinition })} />
          </div>
        )}
        {!readOnly && <AxialExtentControls session={session} corticalAnnotationId={corticalId} onExtent={(mm, id) => edit({ axialInvolvementMm: fromAnnotation(mm, id) })} />}
        <div className="form-row">
          <FlagSelect label="Cortical breach" value={draft.corticalBreach} disabled={readOnly} testId="flag-breach" onChange={(corticalBreach) => edit({ corticalBreach })} />
          <FlagSelect label="Pathological fracture" value={draft.pathologicalFracture} disabled={readOnly} testId="flag-fracture" onChange={(pathologicalFracture) => edit({ pathologicalFracture })} />
          <FlagSelect label="Soft-tissue extension" value={draft.softTissueExtension} disabled={readOnly} testId="flag-soft-tissue" onChange={(softTissueExtension) => edit({ softTissueExtension })} />
          <FlagSelect label="Epidural extension" value={draft.epiduralExtension} disabled={readOnly} testId="flag-epidural" onChange={(epiduralExtension) => edit({ epiduralExtension })} />
        </div>
        <div className="form-row">
          {(inputs.longBone || clinical.mirelsPain !== null) && (
            <ChoiceSelect label="Mirels pain" value={clinical.mirelsPain} options={MirelsPainSchema.options} disabled={readOnly} testId="clinical-mirels-pain" onChange={(mirelsPain) => edit({ clinical: { ...clinical, mirelsPain } })} />
          )}
          {(inputs.spine || clinical.sinsPain !== null) && (
            <ChoiceSelect label="SINS pain" value={clinical.sinsPain} options={SinsPainSchema.options} disabled={readOnly} testId="clinical-sins-pain" onChange={(sinsPain) => edit({ clinical: { ...clinical, sinsPain } })} />
          )}
          <FlagSelect label="New neurological deficit" value={clinical.newNeurologicalDeficit} disabled={readOnly} testId="clinical-neuro" onChange={(newNeurologicalDeficit) => edit({ clinical: { ...clinical, newNeurologicalDeficit } })} />
        </div>
        {/* Harrington's criteria are read on every bone (rule set v8); the avulsion on the femur only. */}
        <div className="form-row" data-testid="harrington-inputs">
          {(inputs.femur || clinical.lesserTrochanterAvulsion !== null) && (
            <FlagSelect label="Lesser trochanter avulsion" value={clinical.lesserTrochanterAvulsion} disabled={readOnly} testId="clinical-avulsion" onChange={(lesserTrochanterAvulsion) => edit({ clinical: { ...clinical, lesserTrochanterAvulsion } })} />
          )}
          <FlagSelect label="Pain persisting after radiotherapy" value={clinical.persistentPainAfterRadiotherapy} disabled={readOnly} testId="clinical-pain-after-rt" onChange={(persistentPainAfterRadiotherapy) => edit({ clinical: { ...clinical, persistentPainAfterRadiotherapy } })} />
        </div>
        {(inputs.spine || hasSpineInputs(draft)) && (
          <div className="form-row" data-testid="spine-inputs">
            <ChoiceSelect label="Alignment" value={draft.spine.alignment} options={SpinalAlignmentSchema.options} disabled={readOnly} testId="spine-alignment" onChange={(alignment) => edit({ spine: { ...draft.spine, alignment } })} />
            <ChoiceSelect label="Collapse" value={draft.spine.collapse} options={VertebralCollapseSchema.options} disabled={readOnly} testId="spine-collapse" onChange={(collapse) => edit({ spine: { ...draft.spine, collapse } })} />
            <ChoiceSelect label="Posterolateral" value={draft.spine.posterolateralInvolvement} options={PosterolateralInvolvementSchema.options} disabled={readOnly} testId="spine-posterolateral" onChange={(posterolateralInvolvement) => edit({ spine: { ...draft.spine, posterolateralInvolvement } })} />
            <ChoiceSelect label="ESCC grade" value={draft.spine.esccGrade} options={EsccGradeSchema.options} disabled={readOnly} testId="spine-escc" onChange={(esccGrade) => edit({ spine: { ...draft.spine, esccGrade } })} />
          </div>
        )}
        <AttachedDrawings draft={draft} drawings={drawings} selected={selectedAnnotation} selectedNotOwn={selectedNotOwn} readOnly={readOnly} onChange={(attachedAnnotationIds) => edit({ attachedAnnotationIds })} />
        {'scores' in checked && <IgnoredInputsNote ignored={checked.scores.ignoredInputs} />}
        <label className="note-field">
          Note
          <textarea value={draft.note} maxLength={20_000} onChange={(e) => edit({ note: e.target.value })} data-testid="lesion-note" />
        </label>
        <div className="form-row">
          <ChoiceSelect label="Status" value={draft.status} options={LesionStatusSchema.options} disabled={readOnly} testId="lesion-status" onChange={(status) => edit({ status: status ?? 'draft' })} />
          {!readOnly && (
            <>
              <button type="button" onClick={form.undo} disabled={!form.canUndo} title="Undo a form edit (Ctrl+Z in the form)" data-testid="form-undo">
                Undo edit
              </button>
              <button type="button" onClick={form.redo} disabled={!form.canRedo} title="Redo a form edit (Ctrl+Y in the form)" data-testid="form-redo">
                Redo edit
              </button>
              <button type="submit" className="primary" disabled={saving || 'problem' in checked} title={'problem' in checked ? checked.problem : 'Save the lesion'} data-testid="lesion-save">
                {saving ? 'Saving…' : 'Save lesion'}
              </button>
              {actions}
            </>
          )}
        </div>
      </fieldset>
      {alert}
      {'problem' in checked ? (
        <p className="muted small" data-testid="lesion-problem">
          {checked.problem}
        </p>
      ) : (
        <ScoresView scores={checked.scores} />
      )}
      {draft.boneAnalysis && <RigidityProfile analysis={draft.boneAnalysis} />}
      {extras}
    </form>
  );
}
