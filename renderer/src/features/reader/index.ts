// The reader feature as the rest of the app uses it: who is signed in, and the header's chip.
export { ReaderChip } from './ReaderChip';
export { ReaderDialog } from './ReaderDialog';
export { currentInitials, loadReader, readerStore } from './reader-store';
