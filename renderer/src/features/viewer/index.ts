// The viewer feature as the rest of the app uses it (loaded as its own chunk: it brings Cornerstone's tools).
export { ViewerPage } from './ViewerPage';
