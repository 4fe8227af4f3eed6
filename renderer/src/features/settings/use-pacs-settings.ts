import { useCallback, useEffect, useState } from 'react';
import type { PacsSettings } from '@shared/export/pacs-settings';
import { call } from '../../api/client';
import { useReportError } from '../../app/errors';

/** The configured PACS (null when none; undefined while loading) and a way to load it again. */
export function usePacsSettings(): { pacs: PacsSettings | null | undefined; reload(): void } {
  const [pacs, setPacs] = useState<PacsSettings | null | undefined>(undefined);
  const reportError = useReportError();
  const reload = useCallback(() => {
    call('pacs.get', {}).then(setPacs, (error: unknown) => reportError(error, 'Reading the PACS settings failed'));
  }, [reportError]);
  useEffect(reload, [reload]);
  return { pacs, reload };
}
