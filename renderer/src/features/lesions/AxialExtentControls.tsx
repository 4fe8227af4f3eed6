import { useState } from 'react';
import { axialExtentMm, AXIAL_EXTENT_CONVENTION } from '@shared/annotation/axial-extent';
import { AppError } from '@shared/errors';
import { dot, length, subtract } from '@shared/geometry/vector3';
import { corticalArcPoints, currentSlicePosition, recordAxialExtent, type SlicePosition } from '../../services/viewer/involved-slices';
import type { ViewerSession } from '../../services/viewer/viewer-session';

interface AxialExtentProps {
  session: ViewerSession;
  /** The cortical-involvement annotation the extent is recorded on, or null. */
  corticalAnnotationId: string | null;
  onExtent(extentMm: number, annotationId: string): void;
}

/** "First / last involved slice" on the active viewport's current slice: the axial extent by the stated convention. */
export function AxialExtentControls({ session, corticalAnnotationId, onExtent }: AxialExtentProps) {
  const [first, setFirst] = useState<SlicePosition | null>(null);
  const [last, setLast] = useState<SlicePosition | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const mark = (which: 'first' | 'last') => {
    const viewportId = session.activeViewport();
    const position = viewportId ? currentSlicePosition(session, viewportId) : null;
    if (!position) return setProblem('The active viewport shows no stack slice with a regular spacing.');
    const other = which === 'first' ? last : first;
    if (other && other.seriesInstanceUid !== position.seriesInstanceUid) return setProblem('Both slices must be of the same series.');
    setProblem(null);
    (which === 'first' ? setFirst : setLast)(position);
    const [a, b] = which === 'first' ? [position, last] : [first, position];
    if (!a || !b) return;
    if (!corticalAnnotationId) return setProblem('Draw and link the cortical involvement first: the extent is recorded on it.');
    const arc = corticalArcPoints(session, corticalAnnotationId);
    if (!arc) return setProblem('The linked cortical-involvement annotation is not on this page.');
    let extent: number;
    try {
      extent = axialExtentMm(a.point, b.point, a.normal, a.spacingMm, arc, a.stackDirection ?? undefined);
    } catch (error) {
      return setProblem(error instanceof AppError ? error.message : String(error));
    }
    // The slices marked and the spacings between them, along the slices' own normal.
    const count = Math.round(Math.abs(dot(subtract(b.point, a.point), a.normal)) / length(a.normal) / a.spacingMm) + 1;
    if (!recordAxialExtent(session, corticalAnnotationId, extent, count)) return setProblem('The linked cortical-involvement annotation is not on this page.');
    onExtent(extent, corticalAnnotationId);
  };
  return (
    <div className="axial-extent" title={AXIAL_EXTENT_CONVENTION} data-testid="axial-extent">
      <span className="small">Axial extent ({AXIAL_EXTENT_CONVENTION.toLowerCase()}):</span>
      <button type="button" onClick={() => mark('first')} data-testid="first-involved-slice">
        First involved slice{first ? ` (${first.slice})` : ''}
      </button>
      <button type="button" onClick={() => mark('last')} data-testid="last-involved-slice">
        Last involved slice{last ? ` (${last.slice})` : ''}
      </button>
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
