import type { ReviewDecision } from '@shared/worklist/review';

/** The reviewing specialists' decisions as the review panel and the worklist name them. */
export const DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
  'prophylactic-fixation': 'Prophylactic fixation',
  'stabilisation-decompression': 'Stabilisation / decompression',
  radiotherapy: 'Radiotherapy',
  'vertebral-augmentation-or-ablation': 'Vertebral augmentation or ablation',
  observe: 'Observe',
  'more-imaging': 'More imaging',
  other: 'Other',
};
