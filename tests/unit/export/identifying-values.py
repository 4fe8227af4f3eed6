"""Prints, as JSON, every identifying value in the headers of the DICOM files given as arguments.

An independent reader (pydicom), so that the de-identification test does not trust the code it
tests to say what was there. Collected: person names (whole and by component), every UID that
DICOM did not register, every date and date-time (with the date written in other common forms),
the identifier and place attributes listed below, and every private string value.
"""
import json
import sys

import pydicom
from pydicom.multival import MultiValue

TEXT_KEYWORDS = {
    'PatientID', 'OtherPatientIDs', 'IssuerOfPatientID', 'AccessionNumber', 'StudyID', 'InstitutionName',
    'InstitutionAddress', 'InstitutionalDepartmentName', 'StationName', 'DeviceSerialNumber', 'PatientAddress',
    'PatientTelephoneNumbers', 'RequestedProcedureID', 'ScheduledProcedureStepID', 'PerformedProcedureStepID',
    'ImageComments', 'StudyDescription', 'SeriesDescription', 'ProtocolName', 'MedicalRecordLocator',
}


def date_forms(da):
    y, m, d = da[0:4], da[4:6], da[6:8]
    return [da, f'{y}-{m}-{d}', f'{y}/{m}/{d}', f'{d}/{m}/{y}', f'{m}/{d}/{y}', f'{d}.{m}.{y}']


def collect(ds, found):
    for elem in ds:
        if elem.VR == 'SQ':
            for item in elem.value:
                collect(item, found)
            continue
        values = elem.value if isinstance(elem.value, (list, MultiValue)) else [elem.value]
        for value in values:
            if value is None or value == '':
                continue
            text = str(value).strip()
            if elem.VR == 'PN':
                found.add(text)
                found.update(part for part in text.split('^') if part)
            elif elem.VR == 'UI' and not text.startswith('1.2.840.10008.'):
                found.add(text)
            elif elem.VR in ('DA', 'DT') and len(text) >= 8 and text[:8].isdigit():
                found.update(date_forms(text[:8]))
            elif elem.keyword in TEXT_KEYWORDS or (elem.tag.is_private and elem.VR in ('LO', 'SH', 'LT', 'ST', 'UT', 'PN')):
                found.add(text)


found = set()
for path in sys.argv[1:]:
    collect(pydicom.dcmread(path, stop_before_pixels=True), found)
print(json.dumps(sorted(found)))
