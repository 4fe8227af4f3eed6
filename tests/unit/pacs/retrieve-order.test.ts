import { describe, expect, it } from 'vitest';
import { retrieveOrder } from '../../../electron/core/pacs/retrieve/retrieve-order';
import type { RemoteInstance, RemoteSeries } from '../../../electron/core/pacs/pacs-transport';

const STUDY = '1.2.826.0.1.3680043.8.498.7';
const series = (uid: string, seriesNumber: number, modality = 'CT'): RemoteSeries => ({ seriesInstanceUid: uid, modality, seriesNumber, description: '', instanceCount: null });
const instance = (seriesInstanceUid: string, n: number): RemoteInstance => ({ studyInstanceUid: STUDY, seriesInstanceUid, sopInstanceUid: `${seriesInstanceUid}.${n}`, instanceNumber: n, imagePositionPatient: null, imageOrientationPatient: null });

describe('retrieveOrder: a study listing as it is retrieved', () => {
  it('the series asked for first, then images by series number, then non-image series; each in slice order', () => {
    const listed = [instance('1.2.3', 2), instance('1.2.4', 1), instance('1.2.3', 1), instance('1.2.5', 1), instance('1.2.4', 2)];
    const plans = retrieveOrder(listed, [series('1.2.5', 1, 'SR'), series('1.2.3', 2), series('1.2.4', 3)], '1.2.4');
    expect(plans.map((p) => [p.seriesInstanceUid, p.instances.map((i) => i.instanceNumber)])).toEqual([
      ['1.2.4', [1, 2]],
      ['1.2.3', [1, 2]],
      ['1.2.5', [1]],
    ]);
  });

  it('a listing of 60,000 instances of one series (a hostile PACS, or a perfusion series) is grouped and put in slice order whole', () => {
    // Grouping once copied the series' array per instance: n² steps, 25 s for this listing (speed
    // belongs to benchmarks; this holds the large case's result).
    const listed = Array.from({ length: 60_000 }, (_, i) => instance('1.2.3', 60_000 - i));
    const [plan] = retrieveOrder(listed, [series('1.2.3', 1)]);
    expect(plan!.instances.map((i) => i.instanceNumber).slice(0, 3)).toEqual([1, 2, 3]);
    expect(plan!.instances).toHaveLength(60_000);
  });

  it('a localiser left out of the stack is still retrieved, after the stack', () => {
    const axial = (n: number): RemoteInstance => ({ ...instance('1.2.3', n), imagePositionPatient: [0, 0, -2 * n], imageOrientationPatient: [1, 0, 0, 0, 1, 0] });
    const scout: RemoteInstance = { ...instance('1.2.3', 1), imagePositionPatient: [0, -100, 60], imageOrientationPatient: [0, 1, 0, 0, 0, -1] };
    const [plan] = retrieveOrder([scout, ...[2, 3, 4, 5, 6].map(axial)], [series('1.2.3', 1)]);
    expect(plan!.instances.map((i) => i.instanceNumber)).toEqual([2, 3, 4, 5, 6, 1]);
  });
});
