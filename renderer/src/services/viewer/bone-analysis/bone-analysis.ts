import type { AnalysisProgress } from '@shared/analysis/analysis-job';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { boneAnalysisSummary, type BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import type { ProposedField } from '@shared/analysis/bone-proposals';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { call } from '../../../api/client';
import { errorMessage } from '../../../api/api-error';
import { ExternalStore } from '../external-store';
import type { ViewerSession } from '../viewer-session';
import { onBoneClick } from './analyze-bone-tool';
import { arcPercent, placeProposedArcs, type ProposedArc } from './proposal-arcs';
import { currentProposals, keptSections, type CurrentProposal } from './current-proposals';
import { setReformatOverlay } from './reformat-overlay';

/** What the reader decides on: each proposed value, and the rigidity verdict. */
export type ProposalKey = ProposedField | 'rigidity';

/** The bone analysis of a viewer page as the UI shows it. */
export interface BoneAnalysisState {
  phase: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: AnalysisProgress | null;
  /** Why it failed (a refusal says what to open instead). */
  error: string | null;
  result: BoneAnalysisResult | null;
  /** The proposals still to decide, with their values (an edited arc's value measured from it). */
  proposals: CurrentProposal[];
  decisions: Partial<Record<ProposalKey, 'accepted' | 'rejected'>>;
}

/** What accepting proposals changes in the lesion being edited. */
export interface AcceptedProposals {
  values: Partial<Record<ProposedField, MeasuredMm>>;
  boneAnalysis?: BoneAnalysisSummary;
  /** The arcs kept as the lesion's drawings (saved as the reader's annotations). */
  attach: string[];
}

const POLL_MS = 200;
const ALL_KEYS: readonly ProposalKey[] = ['circumferentialInvolvementPct', 'axialInvolvementMm', 'lesionWidthMm', 'boneDiameterMm', 'rigidity'];
const controllers = new WeakMap<ViewerSession, BoneAnalysis>();

/**
 * A viewer page's bone analysis: a click of the Analyze bone tool starts it on the clicked
 * viewport's series (off the UI thread, in the core's worker), progress is polled and may be
 * cancelled; the result's arcs are drawn on every involved slice as cortical-involvement
 * annotations (edited with that tool) and on the reformats, until the reader accepts or rejects
 * each proposal. Accepted values carry their computed provenance; the arcs that show them are kept.
 */
export class BoneAnalysis {
  readonly state = new ExternalStore<BoneAnalysisState>({ phase: 'idle', progress: null, error: null, result: null, proposals: [], decisions: {} });
  private jobId: string | null = null;
  private run = 0;
  private arcs: ProposedArc[] = [];
  private edited = new Map<string, number>();
  private kept = new Set<string>();
  private readonly stop: () => void;

  /** The bone analysis of a session (one per page). */
  static of(session: ViewerSession): BoneAnalysis {
    let controller = controllers.get(session);
    if (!controller) {
      controller = new BoneAnalysis(session);
      controllers.set(session, controller);
    }
    return controller;
  }

  private constructor(private readonly session: ViewerSession) {
    const stopClicks = onBoneClick(({ element, world }) => {
      const viewportId = session.viewportIds().find((id) => session.get(id)?.element === element);
      if (viewportId) void this.analyze(viewportId, world);
    });
    const onModified = (event: Event) => this.arcChanged((event as CustomEvent<{ annotation?: { annotationUID?: string } }>).detail?.annotation?.annotationUID, false);
    const onRemoved = (event: Event) => this.arcChanged((event as CustomEvent<{ annotation?: { annotationUID?: string } }>).detail?.annotation?.annotationUID, true);
    // Arcs are annotations: their events exist once the tools have loaded (after the first image).
    const unfollow = session.whileTools(({ Enums: { Events } }) => {
      session.cs.eventTarget.addEventListener(Events.ANNOTATION_MODIFIED, onModified);
      session.cs.eventTarget.addEventListener(Events.ANNOTATION_REMOVED, onRemoved);
      return () => {
        session.cs.eventTarget.removeEventListener(Events.ANNOTATION_MODIFIED, onModified);
        session.cs.eventTarget.removeEventListener(Events.ANNOTATION_REMOVED, onRemoved);
      };
    });
    this.stop = () => {
      stopClicks();
      unfollow();
    };
  }

  /**
   * Analyses the bone at a point of a viewport's series (patient mm), replacing any proposal
   * still open; a refusal (not CT, no long bone there) ends as failed with its reason.
   */
  async analyze(viewportId: string, at: [number, number, number]): Promise<void> {
    const record = this.session.get(viewportId);
    const viewport = this.session.viewport(viewportId);
    if (!record || !viewport) return;
    const run = ++this.run;
    this.clearProposals();
    if (this.jobId) void call('analysis.cancel', { jobId: this.jobId }).catch(() => undefined);
    this.state.update({ phase: 'running', progress: { stage: 'reading', fraction: 0 }, error: null, result: null, proposals: [], decisions: {} });
    try {
      const { jobId } = await call('analysis.start', { seriesInstanceUid: record.stack.seriesUid, at });
      this.jobId = jobId;
      for (;;) {
        const status = await call('analysis.status', { jobId });
        if (run !== this.run) return;
        if (status.state === 'running') {
          this.state.update({ progress: status.progress });
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          continue;
        }
        this.jobId = null;
        if (status.state === 'done' && status.result) return this.show(status.result, record.stack, viewport.getFrameOfReferenceUID());
        return this.state.update({ phase: status.state === 'cancelled' ? 'cancelled' : 'failed', progress: null, error: status.error?.message ?? null });
      }
    } catch (error) {
      if (run === this.run) this.state.update({ phase: 'failed', progress: null, error: errorMessage(error) });
    }
  }

  /** Asks the running analysis to stop. */
  cancel(): void {
    if (this.jobId) void call('analysis.cancel', { jobId: this.jobId }).catch(() => undefined);
  }

  private show(result: BoneAnalysisResult, stack: Parameters<typeof placeProposedArcs>[2], frameOfReferenceUid: string): void {
    const { cs, tools } = this.session;
    this.arcs = placeProposedArcs(cs, tools, stack, result, frameOfReferenceUid);
    setReformatOverlay({ frameOfReferenceUid, result });
    this.state.update({ phase: 'done', progress: null, result, decisions: {}, proposals: this.proposals(result) });
    tools.utilities.triggerAnnotationRenderForViewportIds(this.session.viewportIds());
  }

  private proposals(result: BoneAnalysisResult): CurrentProposal[] {
    return currentProposals(result, this.arcs, this.edited);
  }

  /** A proposed arc was edited with the cortical tool (its value now measured from it) or deleted. */
  private arcChanged(uid: string | undefined, removed: boolean): void {
    const arc = uid ? this.arcs.find((a) => a.annotationUid === uid) : undefined;
    const { result } = this.state.get();
    if (!arc || !result) return;
    if (removed) {
      this.arcs = this.arcs.filter((a) => a !== arc);
      this.edited.delete(arc.annotationUid);
    } else {
      const annotation = this.session.tools.annotation.state.getAnnotation(arc.annotationUid);
      const pct = annotation ? arcPercent((annotation.data as { handles: { points: number[][] } }).handles.points) : null;
      if (pct !== null && Math.abs(pct - arc.computedPct) > 1e-9) this.edited.set(arc.annotationUid, pct);
    }
    this.state.update({ proposals: this.proposals(result) });
  }

  /**
   * Accepts proposals: their values with provenance "computed" (or, for an edited arc, measured
   * from that annotation), the rigidity verdict as the lesion's bone analysis; the arcs that show
   * the values (worst, first and last involved sections, and any edited one) are saved as the
   * reader's drawings, to attach to the lesion.
   */
  accept(keys: readonly ProposalKey[]): AcceptedProposals {
    const { result, proposals, decisions } = this.state.get();
    if (!result) return { values: {}, attach: [] };
    const values: AcceptedProposals['values'] = {};
    for (const p of proposals) if (keys.includes(p.field)) values[p.field] = p.measured;
    const keep = Object.keys(values).length > 0 ? this.keepArcs(result) : [];
    const cited = Object.values(values).flatMap((m) => (m?.provenance.source === 'annotation' ? [m.provenance.annotationId] : []));
    this.decide(keys, 'accepted', decisions);
    return {
      values,
      ...(keys.includes('rigidity') ? { boneAnalysis: boneAnalysisSummary(result) } : {}),
      attach: keep.filter((uid) => !cited.includes(uid)),
    };
  }

  /** Rejects proposals: nothing of them is recorded. */
  reject(keys: readonly ProposalKey[]): void {
    this.decide(keys, 'rejected', this.state.get().decisions);
  }

  private decide(keys: readonly ProposalKey[], decision: 'accepted' | 'rejected', before: BoneAnalysisState['decisions']): void {
    const decisions = { ...before };
    for (const key of keys) decisions[key] = decision;
    this.state.update({ decisions });
    // Once every proposal is decided, the proposed arcs not kept go, and so does the reformat overlay.
    if (ALL_KEYS.every((key) => decisions[key] || !this.proposes(key))) this.clearProposals();
  }

  private proposes(key: ProposalKey): boolean {
    return key === 'rigidity' ? this.state.get().result !== null : this.state.get().proposals.some((p) => p.field === key);
  }

  /** Saves the arcs that show accepted values as the reader's annotations (the feed saves them). */
  private keepArcs(result: BoneAnalysisResult): string[] {
    const { state } = this.session.tools.annotation;
    const wanted = keptSections(result, this.arcs);
    const keep = this.arcs.filter((a) => wanted.has(a.sectionIndex) || this.edited.has(a.annotationUid)).map((a) => a.annotationUid);
    for (const uid of keep) {
      if (this.kept.has(uid)) continue;
      const annotation = state.getAnnotation(uid);
      if (!annotation) continue;
      this.kept.add(uid);
      state.triggerAnnotationCompleted(annotation);
    }
    return keep.filter((uid) => this.kept.has(uid));
  }

  /** Removes the proposed arcs not kept and the reformat overlay. */
  private clearProposals(): void {
    this.edited.clear();
    setReformatOverlay(null);
    // Proposals are annotations: before the tools load there are none.
    if (!this.session.toolsReady) return;
    const { state } = this.session.tools.annotation;
    for (const arc of this.arcs) if (!this.kept.has(arc.annotationUid) && state.getAnnotation(arc.annotationUid)) state.removeAnnotation(arc.annotationUid);
    this.arcs = [];
    this.session.tools.utilities.triggerAnnotationRenderForViewportIds(this.session.viewportIds());
  }

  /** Ends the page's analysis: cancels a running job and removes what is still only proposed. */
  dispose(): void {
    this.run++;
    this.cancel();
    this.clearProposals();
    this.stop();
    controllers.delete(this.session);
  }
}
