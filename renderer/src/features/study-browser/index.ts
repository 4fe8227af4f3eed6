// The study browser as the rest of the app uses it: its pages, and a series' thumbnail.
export { SeriesThumbnail } from './SeriesThumbnail';
export { StudyBrowserPage } from './StudyBrowserPage';
export { StudyPage } from './StudyPage';
