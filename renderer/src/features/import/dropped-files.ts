/** Reads every entry of a dropped folder (readEntries answers in pages). */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [file];
  }
  if (!entry.isDirectory) return [];
  const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
  const nested = await Promise.all(children.filter((child) => !child.name.startsWith('.')).map(filesOf));
  return nested.flat();
}

/**
 * The files of a drop, folders walked recursively (browser mode, where each file is uploaded).
 * Must be called during the drop event: the entries are taken synchronously, read afterwards.
 * @param transfer - the drop event's DataTransfer
 */
export function droppedFilesExpanded(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  if (entries.some((entry) => entry === null)) return Promise.resolve(Array.from(transfer.files));
  return Promise.all(entries.map((entry) => filesOf(entry!))).then((lists) => lists.flat());
}

/** True when a drag carries files or folders from the system (not text or a link). */
export function dragHasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
