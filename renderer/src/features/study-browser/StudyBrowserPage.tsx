import { useEffect, useState } from 'react';
import type { StudyQuery } from '@shared/dicom/study';
import { call } from '../../api/client';
import { useAppInfo } from '../../app/app-info';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { DatasetExportButton } from '../export';
import { useImport } from '../import';
import { PacsSource, SourceSwitch, useStudySource } from '../pacs';
import { SearchBar } from './SearchBar';
import { StudyTable } from './StudyTable';
import { WelcomePanel } from './WelcomePanel';

const TYPING_DELAY_MS = 200;
const LIMIT = 1000;

// The reader's search in this window, kept while they look at a study and come back to the list.
let rememberedQuery: StudyQuery = {};

/** The study browser: search and filters over the index, and the matching studies. */
export function StudyBrowserPage() {
  const info = useAppInfo();
  const { version } = useIndexVersion();
  const [query, setQuery] = useState<StudyQuery>(() => rememberedQuery);
  const [sent, setSent] = useState<StudyQuery>(() => rememberedQuery);
  useEffect(() => {
    rememberedQuery = query;
  }, [query]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const timer = setTimeout(() => setSent(query), query.text === sent.text ? 0 : TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, sent.text]);
  const [source, setSource] = useStudySource();
  // An import running lists its studies as they are indexed (the index may have been empty when it started).
  const { indexGrowth, busy: importing } = useImport();
  // The growth a search was sent for: the next goes once this one has answered, so that a search
  // slower than the growth's pace is never dropped as stale by the next (nor piled up on the host).
  const [listedGrowth, setListedGrowth] = useState(indexGrowth);
  const results = useLoaded(source === 'pacs' ? null : () => call('studies.search', { ...sent, limit: LIMIT }), [sent, version, listedGrowth, source], 'Searching the studies failed');
  useEffect(() => {
    if (!results.loading && indexGrowth !== listedGrowth) setListedGrowth(indexGrowth);
  }, [indexGrowth, listedGrowth, results.loading]);
  const studies = results.value ?? [];
  const empty = (info?.indexIsEmpty ?? false) && studies.length === 0;
  const switcher = <SourceSwitch source={source} onChange={setSource} />;
  if (source === 'pacs') {
    return (
      <div className="page study-browser">
        {switcher}
        <PacsSource />
      </div>
    );
  }
  if (empty) {
    return (
      <>
        <div className="page study-browser">{switcher}</div>
        <WelcomePanel />
      </>
    );
  }
  const toggle = (uid: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(uid)) next.add(uid);
      return next;
    });
  const toggleAll = () => setSelected(studies.every((s) => selected.has(s.studyInstanceUid)) ? new Set() : new Set(studies.map((s) => s.studyInstanceUid)));
  return (
    <div className="page study-browser">
      {switcher}
      <SearchBar query={query} onChange={setQuery} />
      <div className="result-line" data-testid="study-count" aria-live="polite">
        {results.loading && results.value === undefined
          ? 'Searching…'
          : `${studies.length}${studies.length === LIMIT ? '+' : ''} stud${studies.length === 1 ? 'y' : 'ies'}`}
        {/* Not while an import lists its studies every half second: the line would blink. */}
        {results.loading && results.value !== undefined && !importing && <span className="muted"> · updating…</span>}
      </div>
      <DatasetExportButton studyInstanceUids={[...selected]} onClear={() => setSelected(new Set())} />
      {studies.length > 0 ? (
        <StudyTable studies={studies} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
      ) : (
        !results.loading && <p className="empty-note">No study matches these filters.</p>
      )}
    </div>
  );
}
