import { useEffect, useState } from 'react';
import type { PacsCache } from '@shared/pacs/pacs-cache';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';

const GIB = 2 ** 30;

/** The cache of studies retrieved from the PACS: how full it is, and its size limit (saved on its own button). */
export function PacsCacheSettings() {
  const [cache, setCache] = useState<PacsCache | null>(null);
  const [limit, setLimit] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    call('pacs.cache', {}).then(
      (value) => {
        setCache(value);
        setLimit(String(+(value.limitBytes / GIB).toFixed(2)));
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, []);
  const save = () => {
    setProblem(null);
    call('pacs.setCacheLimit', { limitBytes: Math.round(Number(limit) * GIB) }).then(setCache, (error: unknown) => setProblem(errorMessage(error)));
  };
  return (
    <fieldset className="pacs-cache-settings" data-testid="pacs-cache-settings">
      <legend>Studies retrieved to this workstation</legend>
      {cache && (
        <p className="muted small" data-testid="pacs-cache-use">
          {(cache.usedBytes / GIB).toFixed(2)} GiB of {(cache.limitBytes / GIB).toFixed(2)} GiB in {cache.studies} studies. Past the limit, the least recently opened are removed from this
          workstation (never one with lesions, drawings or decisions recorded here: {cache.pinnedStudies} kept).
        </p>
      )}
      <label>
        Size limit (GiB){' '}
        <input type="number" min={0.1} step={0.1} value={limit} onChange={(e) => setLimit(e.target.value)} data-testid="pacs-cache-limit" />
      </label>{' '}
      <button type="button" onClick={save} disabled={!(Number(limit) > 0)} data-testid="pacs-cache-save">
        Set limit
      </button>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
