"""Rewrites an SR BoneMet Review exported so that content items declare their own Specific Character Set.

PS3.5 lets a sequence item declare its own (0008,0005), in force for it and the items nested in it.
pydicom encodes each item's text in the character set in force there. Usage:

  item-character-set-sr.py IN OUT '{"note": [charset, text], "label": [charset, text]}'

- note: the lesion note's TEXT item (BM-NOTE) declares `charset` and holds `text`;
- label: the annotation CODE item whose child TEXT holds a label (BM-ANN-LABEL) declares `charset`,
  and that child, which declares nothing, holds `text` (it inherits the charset).
The JSON record beside them (BM-RECORD) is changed to the same texts, in the dataset's UTF-8, so that
the report stays one a reader could have written.
"""
import json
import sys

import pydicom


def concept(item):
    seq = item.get("ConceptNameCodeSequence")
    return (seq[0].get("CodeValue") or seq[0].get("LongCodeValue")) if seq else None


def walk(items):
    for item in items:
        yield item
        yield from walk(item.get("ContentSequence", []))


def main(src, dst, changes):
    ds = pydicom.dcmread(src)
    items = list(walk(ds.ContentSequence))
    record = next(i for i in items if concept(i) == "BM-RECORD")
    data = json.loads(record.TextValue)
    if "note" in changes:
        charset, text = changes["note"]
        note = next(i for i in items if concept(i) == "BM-NOTE")
        note.SpecificCharacterSet = charset
        note.TextValue = text
        data["lesion"]["note"] = text
    if "label" in changes:
        charset, text = changes["label"]
        annotation = next(i for i in items if concept(i) == "BM-ANN" and any(concept(c) == "BM-ANN-LABEL" for c in i.ContentSequence))
        label = next(c for c in annotation.ContentSequence if concept(c) == "BM-ANN-LABEL")
        uid = next(c for c in annotation.ContentSequence if concept(c) == "BM-ANN-UID").UID
        annotation.SpecificCharacterSet = charset
        label.TextValue = text
        for drawn in data["annotations"]:
            if "2.25." + str(int(drawn["id"].replace("-", ""), 16)) == uid:
                drawn["text"] = text
    record.TextValue = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    ds.save_as(dst, write_like_original=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
