import { teachLongLengthVrs, type DicomParserStreams } from '@shared/dicom/long-length-vrs';
import { hostAuthorization } from '../api/host-token';
import { paceLoadingAhead } from './viewer/load-pacing';
import { applyMemoryBudget } from './viewer/memory-budget';
import { slimDataSetsOnceDecoded } from './viewer/slim-datasets';
import { decodeNativeFramesInPage } from './viewer/native-decode';
import { paceVolumeTextureUploads } from './viewer/texture-upload-pacing';
import { ignoreUnusableFileWindows } from './viewer/usable-file-window';
import { measureWithRuleSpacing } from './viewer/measurement-spacing-provider';
import { providePatientOrientation } from './viewer/patient-orientation-provider';
import { markViewer } from './viewer/viewer-timing';

type CoreModule = typeof import('@cornerstonejs/core');

let ready: Promise<CoreModule> | null = null;

/**
 * Loads and initialises Cornerstone3D and its DICOM image loader once per page, outside React
 * (as its own chunk, so the study browser shows before Cornerstone is parsed), and resolves
 * with the core module. Later calls return the same promise; a failed start may be retried.
 */
export function initCornerstone(): Promise<CoreModule> {
  ready ??= (async () => {
    const [core, loader, dicomParser] = await Promise.all([import('@cornerstonejs/core'), import('@cornerstonejs/dicom-image-loader'), import('dicom-parser')]);
    // The loader parses every file with this dicom-parser: teach it OV, SV and UV before the first.
    // (A dev server's pre-bundle may hand the CommonJS module over as the default export only.)
    const parser = dicomParser as Partial<DicomParserStreams> & { default?: DicomParserStreams };
    teachLongLengthVrs(parser.ByteStream ? (parser as DicomParserStreams) : parser.default!);
    core.init({
      // Stacks and thumbnails draw on the CPU until a reformat asks for WebGL (see render-path.ts).
      // One WebGL context: only reformats use WebGL, and their planes share context 0 anyway (the
      // default pool of 7 costs a context creation each under software GL).
      rendering: { useCPURendering: true, webGlContextCount: 1 },
      debug: {},
    });
    const cores = navigator.hardwareConcurrency || 2;
    loader.init({
      maxWebWorkers: Math.max(1, Math.min(4, Math.floor(cores / 2))),
      // 5.14's default wadouri path (dcmjs-naturalised metadata) fails on deflated files, leaves
      // 1-bit SEG frames packed and pads odd-length RGB; the dicom-parser path decodes all of them.
      // An ACR-NEMA style file arrives with a Part 10 prefix the core added from the indexed transfer syntax.
      useLegacyMetadataProvider: true,
      // The browser-mode host serves an instance only to the launch token.
      beforeSend: () => hostAuthorization(),
    });
    ignoreUnusableFileWindows(core, loader);
    measureWithRuleSpacing(core, loader);
    providePatientOrientation(core, loader);
    slimDataSetsOnceDecoded(core, loader);
    decodeNativeFramesInPage(core, loader);
    applyMemoryBudget(core);
    paceLoadingAhead(core);
    paceVolumeTextureUploads();
    markViewer('cornerstone');
    return core;
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}
