// The import feature as the rest of the app uses it: the header's actions, the drop target, the import's state.
export { DropOverlay } from './DropOverlay';
export { FolderBrowserDialog } from './FolderBrowserDialog';
export { ImportProvider, useImport } from './import-context';
export { ImportStatusPanel } from './ImportStatusPanel';
export { ImportToolbar } from './ImportToolbar';
