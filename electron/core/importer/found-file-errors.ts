/** A file system error's code (ENOENT, EACCES, ...), or undefined for any other error. */
export function errnoCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : undefined;
}

/**
 * The report's reason for a file the walk listed that could then not be measured or read. Gone
 * (ENOENT) means it went between the listing and the read: moved, deleted, a disc ejected, a copy
 * undone while the import ran; the remedy is to import its folder again.
 */
export function foundFileUnreadable(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'ENOENT') return 'the file was moved or deleted while the import ran: import its folder again once it is back';
  return `could not be read: ${readFailure(error)}`;
}

/** Why a file or folder could not be read, from the error: what to do when that is the account's permission, else the error's code. */
export function readFailure(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code}): give your account read access to it, then import again`;
  if (code === 'ENAMETOOLONG') return 'its path is longer than this system allows (ENAMETOOLONG): move or rename its folders to shorten it, then import again';
  return code ?? String(error);
}

/**
 * The report's reason for a name that is not UTF-8 (a Latin-1 "Müller" from an older system or
 * NAS): the name is read with U+FFFD in place of its bytes, and that string names nothing.
 */
export function nameNotUtf8(what: 'file' | 'folder'): string {
  return (
    `the ${what}'s name is not UTF-8 (written in another character set, such as Latin-1, by another system), so it cannot be opened by that name: ` +
    'rename it (convmv -f latin1 -t utf8 -r --notest converts a whole folder), then import again'
  );
}
