// The PACS feature as the rest of the app uses it: the study browser's PACS source, the viewer's
// retrieve banner and arriving series, a series retrieved on demand before a view shows it, and the
// cache settings.
export { PacsCacheSettings } from './PacsCacheSettings';
export { PacsSource } from './PacsSource';
export { RetrieveBanner } from './RetrieveBanner';
export { useRetrieve } from './retrieve-store';
export { StudyOnDemand } from './StudyOnDemand';
export { SourceSwitch, useStudySource } from './SourceSwitch';
export { seriesArrival, useArrivingSeries, useSeriesArrival, whenSeriesArrived } from './use-arriving-series';
