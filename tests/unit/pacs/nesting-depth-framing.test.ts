import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { requireShallowNesting } from '../../../electron/core/pacs/nesting-depth';
import { FORGED_STUDY, forgedFindings } from '../../support/forged-team-publications';
import { makeLesion } from '../../support/lesion-fixtures';

// The walk that refuses a team publication nesting sequences too deep for dcmjs must frame each
// element as dcmjs does. dcmjs reads SV, UV and any VR it does not know with a 4-byte length after
// two reserved bytes; the walk read SV, UV and unknown VRs with a 2-byte length, taking the
// "reserved" bytes as the length: a forged publication set them to the size of 1,000 nested
// sequences that followed, the walk jumped over them, and dcmjs then parsed them all.

const publication = () =>
  forgedFindings({ workstation: { id: 'a7000000-0000-4000-8000-000000000001', name: 'RAD-WS-1' }, reader: { initials: 'EF', name: 'Eva Fors' }, version: 1 }, [
    makeLesion({ id: '0c0c7700-0000-4000-8000-000000000001', trackingUid: '2.25.7701', studyInstanceUid: FORGED_STUDY, reader: 'EF' }),
  ]);

/** `depth` private sequences (7FE1,1010) nested, each in the one item of the one above, all closed. */
function nested(depth: number): Buffer {
  const open = Buffer.from([0xe1, 0x7f, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff]);
  const close = Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return Buffer.concat([...Array<Buffer>(depth).fill(open), ...Array<Buffer>(depth).fill(close)]);
}

/** A private element (7FE1,1011) of `vr` with an empty value whose two reserved bytes say `reserved`. */
function emptyLongElement(vr: string, reserved: number): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16LE(0x7fe1, 0);
  head.writeUInt16LE(0x1011, 2);
  head.write(vr, 4, 'latin1');
  head.writeUInt16LE(reserved, 6);
  head.writeUInt32LE(0, 8);
  return head;
}

const walk = (bytes: Buffer) => requireShallowNesting(bytes, 64, 'The publication');

describe.each(['SV', 'UV', 'ZZ'])('a publication with an element of VR %s', (vr) => {
  it('is walked past it: nesting 1,000 deep behind its reserved bytes is refused', () => {
    const hidden = nested(1000);
    // The reserved bytes hold what a 2-byte-length reading would skip to land at the end of the nesting.
    const forged = Buffer.concat([publication(), emptyLongElement(vr, hidden.length + 4), hidden]);
    let refusal: unknown = null;
    try {
      walk(forged);
    } catch (error) {
      refusal = error;
    }
    // Was: no refusal; dcmjs then parsed all 1,000 levels.
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toMatch(/nests its sequences more than 64 deep/);
  });

  it('with its reserved bytes zero and a shallow nesting after it, is accepted', () => {
    expect(() => walk(Buffer.concat([publication(), emptyLongElement(vr, 0), nested(3)]))).not.toThrow();
  });
});
