import type { PacsSeriesRow, PacsStudyRow } from '@shared/pacs/pacs-search';
import type { StudyQuery } from '@shared/dicom/study';
import type { StowFile, StowResult } from './dicomweb/stow-rs';

/** A study as a PACS lists it; how much of it is here is the caller's to add. */
export type RemoteStudy = Omit<PacsStudyRow, 'localInstances'>;

/** A series as a PACS lists it. */
export type RemoteSeries = Omit<PacsSeriesRow, 'localInstances'>;

/** An instance as a PACS lists it, with what orders it in its series. */
export interface RemoteInstance {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  instanceNumber: number | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
}

/**
 * A DICOM Part 10 file as it arrived: its bytes in the pieces the network brought them (never
 * copied into one: a retrieve writes the pieces straight to the file), and its first bytes in one
 * piece, enough for most headers.
 */
export interface ArrivedFile {
  chunks: readonly Uint8Array[];
  size: number;
  /** The first min(size, PART_HEAD_BYTES) bytes. */
  head: Uint8Array;
}

/** One instance as it arrived: what was asked for, and the Part 10 file the PACS sent for it. */
export interface RetrievedFile {
  requested: RemoteInstance;
  file: ArrivedFile;
}

/** One page of a study search. */
export interface RemoteStudyPage {
  studies: RemoteStudy[];
  more: boolean;
}

/** The filters of a study search, without paging (StudyQuery's fields but its limit). */
export type RemoteStudyFilter = Omit<StudyQuery, 'limit'>;

/** What every call may be given: a way to stop it. */
export interface TransportCall {
  signal?: AbortSignal;
}

/**
 * One way of talking to a PACS. DICOMweb (QIDO-RS, WADO-RS, STOW-RS) is the one built; a DIMSE
 * transport (C-FIND, C-MOVE/C-GET, C-STORE) fits beside it by implementing the same calls.
 */
export interface PacsTransport {
  /** The server, as the user configured it (shown in messages and kept with cached studies). */
  readonly url: string;
  /** Studies matching the filters, one page of them. */
  searchStudies(filter: RemoteStudyFilter, page: { offset: number; limit: number }, call?: TransportCall): Promise<RemoteStudyPage>;
  /** The series of a study. */
  searchSeries(studyInstanceUid: string, call?: TransportCall): Promise<RemoteSeries[]>;
  /** The instances of a study, or of one of its series. */
  searchInstances(studyInstanceUid: string, seriesInstanceUid?: string, call?: TransportCall): Promise<RemoteInstance[]>;
  /**
   * The listed instances as DICOM Part 10 files, each yielded as soon as it has arrived whole and
   * been checked to be Part 10 (in any order, about the listed one); never the whole series in memory.
   */
  retrieveInstances(instances: readonly RemoteInstance[], call?: TransportCall): AsyncIterable<RetrievedFile>;
  /**
   * A whole series in one request, each file yielded as it arrives, in the PACS's order; files
   * not in `listed` (not listed yet, or added since) come with what their own header says.
   * `expected` bounds how many files the answer may hold (null: the PACS did not say).
   */
  retrieveSeries(studyInstanceUid: string, seriesInstanceUid: string, listed: readonly RemoteInstance[], expected: number | null, call?: TransportCall): AsyncIterable<RetrievedFile>;
  /** Stores DICOM files on the PACS. */
  storeInstances(files: readonly StowFile[]): Promise<StowResult>;
}
