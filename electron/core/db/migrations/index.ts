import type { Migration } from '../migration';
import { dicomIndex } from './001-dicom-index';
import { lesions } from './002-lesions';
import { reviews } from './003-reviews';
import { pseudonyms } from './004-pseudonyms';
import { pacsServer } from './005-pacs-server';
import { planeAnnotations } from './006-plane-annotations';
import { auditChain } from './007-audit-chain';
import { derivedAnnotationLinks } from './008-derived-annotation-links';
import { pacsCache } from './009-pacs-cache';
import { teamSync } from './010-team-sync';
import { lesionWorklist } from './011-lesion-worklist';
import { publicationVersions } from './012-publication-versions';
import { projectionSpacing } from './013-projection-spacing';
import { worklistListingIndex } from './014-worklist-listing-index';
import { lesionRevision } from './015-lesion-revision';

/** Every migration, in the order it runs. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [dicomIndex, lesions, reviews, pseudonyms, pacsServer, planeAnnotations, auditChain, derivedAnnotationLinks, pacsCache, teamSync, lesionWorklist, publicationVersions, projectionSpacing, worklistListingIndex, lesionRevision];
