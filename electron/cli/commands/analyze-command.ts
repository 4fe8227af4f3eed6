import { AppError } from '@shared/errors';
import { fixedFigure } from '@shared/scoring/shown-figure';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import type { CalibrationInsert, PatientPoint } from '@shared/analysis/bone-analysis-request';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';
import { waitForJob } from '../wait-for-job';

const USAGE =
  'analyze bone --series <SeriesInstanceUID> --at X,Y,Z [--contralateral X,Y,Z] [--calibration "X,Y,Z,R,D;X,Y,Z,R,D..."] [--json]  (patient coordinates, mm; D: an insert\'s ash density, g/cm3)';

/** A point given as X,Y,Z (mm). */
function point(args: ParsedArguments, flag: string): PatientPoint | undefined {
  const text = flagValue(args, flag);
  if (text === undefined) return undefined;
  const parts = text.split(',');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
    throw new AppError('invalid_request', `--${flag} needs three numbers X,Y,Z in mm (patient coordinates), not "${text}"`);
  }
  return parts.map(Number) as PatientPoint;
}

/**
 * The inserts of a calibration phantom in the scan, as `X,Y,Z,R,D;...`: each insert's centre (mm),
 * the radius averaged around it (mm) and its ash density from the phantom's certificate (g/cm3).
 */
function calibrationInserts(args: ParsedArguments): CalibrationInsert[] | undefined {
  const text = flagValue(args, 'calibration');
  if (text === undefined) return undefined;
  return text.split(';').map((insert) => {
    const parts = insert.split(',');
    if (parts.length !== 5 || parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
      throw new AppError('invalid_request', `--calibration needs one X,Y,Z,R,D per insert (centre and radius in mm, ash density in g/cm3), separated by ";", not "${insert}"`);
    }
    const [x, y, z, radiusMm, ashDensityGPerCm3] = parts.map(Number) as [number, number, number, number, number];
    return { centre: [x, y, z], radiusMm, ashDensityGPerCm3 };
  });
}

/** One progress line: the step and the share done. */
function progressLine(status: AnalysisJobStatus): string {
  return `${status.progress.stage} ${Math.round(100 * status.progress.fraction)}%`;
}

/** The figures as a reader reads them. */
export function analysisSummary(result: BoneAnalysisResult): string[] {
  // Figures on their side of the scores' limits (a 50.4% involvement is not "50%" beside "> 50%").
  const mm = (x: number | null, quantity: 'axialInvolvementMm' | 'lesionWidthMm' | 'boneDiameterMm') => (x === null ? '-' : `${fixedFigure(quantity, x, 1)} mm`);
  const ratio = (x: number | null) => (x === null ? '-' : fixedFigure('rigidityRatio', x, 2));
  const r = result.rigidity;
  return [
    `Bone axis ${result.axis.angleToSliceNormalDeg.toFixed(1)} degrees from the slice normal, ${result.sections.length} sections over ${result.axis.lengthMm.toFixed(0)} mm.`,
    result.regionId === null
      ? 'No destroyed cortex found.'
      : `Circumferential involvement ${fixedFigure('circumferentialInvolvementPct', result.circumferentialInvolvementPct!, 0)}% (section ${result.takenOn.circumferentialInvolvementPct}), axial ${mm(result.axialInvolvementMm, 'axialInvolvementMm')}, lesion width ${mm(result.lesionWidthMm, 'lesionWidthMm')} of bone diameter ${mm(result.boneDiameterMm, 'boneDiameterMm')}.`,
    `Rigidity (experimental, ${result.reference.kind}): lowest EA ratio ${ratio(r.eaRatio)}, EI-min ${ratio(r.eiMinRatio)}, GJ ${ratio(r.gjRatio)}${r.at ? ` at ${r.at.position.toFixed(0)} mm` : ''}${r.flagged ? ': FLAGGED (a ratio <= 0.65: a reduction of 35% or more)' : ''}.`,
    ...result.notes,
  ];
}

/**
 * `analyze bone --series UID --at X,Y,Z [--contralateral X,Y,Z] [--calibration ...] [--json]`: the bone analysis
 * through the contract (analysis.start, then waiting on the job), progress on stderr, the
 * result on stdout; Ctrl-C cancels the job.
 */
export async function analyzeCommand(args: ParsedArguments): Promise<void> {
  if (args.positionals[0] !== 'bone') throw new AppError('invalid_request', `usage: ${USAGE}`);
  const seriesInstanceUid = flagValue(args, 'series');
  const at = point(args, 'at');
  if (!seriesInstanceUid || !at) throw new AppError('invalid_request', `usage: ${USAGE}`);
  const contralateral = point(args, 'contralateral');
  const inserts = calibrationInserts(args);
  const core = openCore(args);
  try {
    const { jobId } = await call(core, 'analysis.start', {
      seriesInstanceUid,
      at,
      ...(contralateral ? { contralateral } : {}),
      ...(inserts ? { calibration: { kind: 'phantom', inserts } } : {}),
    });
    let shown = '';
    const status = await waitForJob({
      status: (waitMs) => call(core, 'analysis.status', { jobId, waitMs: Math.min(waitMs, 200) }),
      cancel: () => call(core, 'analysis.cancel', { jobId }),
      // A stage is printed once, when it changes.
      progressLine: (running) => {
        const line = progressLine(running);
        if (line === shown) return null;
        shown = line;
        return line;
      },
    });
    if (status.state !== 'done' || !status.result) throw new AppError(status.error?.code ?? 'internal', status.error?.message ?? 'The bone analysis ended without a result.');
    if (args.flags.has('json')) return void printJson(status.result);
    for (const line of analysisSummary(status.result)) console.log(line);
  } finally {
    core.close();
  }
}
