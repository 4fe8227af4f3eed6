import { ApiError } from './api-error';
import { hostFailureMessage } from './host-failure';
import { hostAuthorization } from './host-token';

/** Progress of an upload batch: files sent so far of all files. */
export interface UploadProgress {
  done: number;
  total: number;
  current: string;
}

/**
 * Browser mode only: sends dropped or chosen files to the host, one raw POST per file into one
 * batch folder, and returns the batch id to pass to import.start.
 * @param files - the files to upload
 * @param onProgress - called before each file and once at the end
 */
export async function uploadFiles(files: readonly File[], onProgress: (progress: UploadProgress) => void): Promise<string> {
  const batchId = crypto.randomUUID();
  for (const [index, file] of files.entries()) {
    onProgress({ done: index, total: files.length, current: file.name });
    let response: Response;
    try {
      response = await fetch(`/uploads/${batchId}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...hostAuthorization() },
        credentials: 'omit',
        body: file,
      });
    } catch (error) {
      throw new ApiError({ code: 'io_error', message: `Uploading ${file.name} failed: ${String(error)}` });
    }
    if (!response.ok) {
      const said = hostFailureMessage(await response.json().catch(() => null));
      throw new ApiError({ code: 'io_error', message: `Uploading ${file.name} failed: ${said ?? `HTTP ${response.status}`}` });
    }
  }
  onProgress({ done: files.length, total: files.length, current: '' });
  return batchId;
}
