import { desktopApi } from './desktop-api';

/**
 * The Cornerstone image id of an indexed instance: the wadouri loader reads dicom://instance/<id>
 * inside Electron and GET /instances/<id> from the browser-mode host. Never a file path.
 * @param instanceId - the instance's id in the index
 */
export function imageIdForInstance(instanceId: number): string {
  return desktopApi() ? `wadouri:dicom://instance/${instanceId}` : `wadouri:/instances/${instanceId}`;
}
