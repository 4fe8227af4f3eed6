"""The byte forms of a planted value, shared by the hostile-dataset scripts (hostile-identity.py, hostile-sources.py)."""


def forms(text, codecs):
    """Every byte form a text may take in an output file, as hex."""
    out = set()
    for c in codecs:
        try:
            out.add(text.encode(c).hex())
        except UnicodeEncodeError:
            pass
    return sorted(out)
