import { useState } from 'react';
import type { StudyQuery } from '@shared/dicom/study';
import { PACS_PAGE_SIZE } from '@shared/pacs/pacs-search';
import { call } from '../../api/client';
import { useLoaded } from '../../app/use-call';
import { PacsSearchForm } from './PacsSearchForm';
import { PacsStudyRow } from './PacsStudyRow';
import { StudyColumnHeaders } from '../../components/StudyColumnHeaders';

type Filter = Omit<StudyQuery, 'limit' | 'text'>;

/** The study browser's PACS source: search with the same filters, page through the answer, open a study. */
export function PacsBrowser({ pacsUrl }: { pacsUrl: string }) {
  const [search, setSearch] = useState<{ filter: Filter; offset: number } | null>(null);
  const page = useLoaded(search ? () => call('pacs.search', { ...search.filter, offset: search.offset, limit: PACS_PAGE_SIZE }) : null, [search], 'Searching the PACS failed');
  const studies = page.value?.studies ?? [];
  const go = (offset: number) => search && setSearch({ ...search, offset });
  return (
    <div className="pacs-browser" data-testid="pacs-browser">
      <p className="muted small">Searching {pacsUrl}</p>
      <PacsSearchForm busy={page.loading} onSearch={(filter) => setSearch({ filter, offset: 0 })} />
      {search && (
        <div className="result-line" data-testid="pacs-study-count" aria-live="polite">
          {page.loading ? 'Asking the PACS…' : page.error ? 'The PACS did not answer the search.' : `Studies ${studies.length ? search.offset + 1 : 0}–${search.offset + studies.length}${page.value?.more ? ' (more on the PACS)' : ''}`}
          <button type="button" disabled={page.loading || search.offset === 0} onClick={() => go(Math.max(0, search.offset - PACS_PAGE_SIZE))} data-testid="pacs-previous">
            Previous
          </button>
          <button type="button" disabled={page.loading || !page.value?.more} onClick={() => go(search.offset + PACS_PAGE_SIZE)} data-testid="pacs-next">
            Next
          </button>
        </div>
      )}
      {studies.length > 0 && (
        <div className="table-scroll">
          <table className="data-table study-table" data-testid="pacs-study-table">
            <thead>
              <tr>
                <StudyColumnHeaders />
                <th>Here</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {studies.map((study) => (
                <PacsStudyRow key={study.studyInstanceUid} study={study} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {search && !page.loading && page.value && studies.length === 0 && <p className="empty-note">The PACS holds no study matching these filters.</p>}
    </div>
  );
}
