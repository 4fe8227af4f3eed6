import { useEffect, useState } from 'react';
import { BoneAnalysis } from '../../services/viewer/bone-analysis/bone-analysis';
import type { ViewerSession } from '../../services/viewer/viewer-session';

/** The page's bone analysis for as long as the viewer is shown; what is only proposed goes with the page. */
export function useBoneAnalysis(session: ViewerSession): BoneAnalysis | null {
  const [analysis, setAnalysis] = useState<BoneAnalysis | null>(null);
  useEffect(() => {
    const created = BoneAnalysis.of(session);
    setAnalysis(created);
    return () => created.dispose();
  }, [session]);
  return analysis;
}
