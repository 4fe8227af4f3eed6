"""Sequence and code items, shared by the hostile-dataset scripts (hostile-identity.py, hostile-sources.py, hostile-forms.py)."""
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence


def seq(*items):
    """A sequence of the items given."""
    return Sequence(list(items))


def code(value, meaning, scheme='99HOSP'):
    """A code item (Code Value, Coding Scheme Designator, Code Meaning)."""
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item
