"""The pydicom peer of the import benchmark: read the same header tags of every file, stopping before pixel data."""
import os
import sys

import pydicom

TAGS = [
    "PatientID", "PatientName", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
    "AccessionNumber", "StudyDescription", "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription",
    "BodyPartExamined", "FrameOfReferenceUID", "SOPClassUID", "SOPInstanceUID", "InstanceNumber", "Rows", "Columns",
    "NumberOfFrames", "PixelSpacing", "SliceThickness", "ImagePositionPatient", "ImageOrientationPatient",
]

count = 0
for folder, _dirs, files in os.walk(sys.argv[1]):
    for name in files:
        ds = pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True)
        values = [ds.get(tag) for tag in TAGS]
        count += 1
print(count)
