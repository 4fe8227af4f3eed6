"""Writes a second round of DICOM files that hide their patient where the first round (hostile-identity.py)
did not look, and prints as JSON what it planted: {"studies": [...], "needles": [{"value", "bytes"}]}.

Usage: hostile-sources.py SHARED_DICOM OUT_DIR

- Three LIDC CT slices in UTF-8 (ISO_IR 192), one of them deflated, one implicit VR: the name and the
  ID run into other letters in kept text, a date written with the month in words, a graphic annotation
  and an icon image naming the patient, UIDs that embed the ID and the study date, a birth date in an
  alternative calendar, a gantry ID repeated in Software Versions; and a pixel-less instance whose
  private SOP class UID embeds the ID and the date.
- The pydicom big-endian MR slice with 12 of 16 bits stored and an embedded overlay in bit 14, its
  Modality the patient's name (it names the series' folder too).
- Two studies of one patient (pydicom's CT_small) in ISO 2022 Latin-1, whose escape sequence splits
  the name's bytes, 91 days apart.
- CT_small again with a marker in every string element (codes, times, ages, dates, Modality and
  Image Type included), as a checker fuzzing every value would write it.
"""
import glob
import json
import os
import sys
import warnings

import numpy
import pydicom
from dicom_items import code, seq
from needle_forms import forms
from pydicom.dataset import Dataset
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

SHARED, OUT = sys.argv[1], sys.argv[2]
warnings.simplefilter('ignore')

NAME, PID, MARK = 'ZQXMARKER^Jöhanna', '77123456', 'ZQXMARKER'
ROOT = f'1.2.826.0.1.3680043.9.{PID}.20230817'



def save(ds, path, syntax):
    ds.file_meta.TransferSyntaxUID = syntax
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    ds.is_little_endian = True
    ds.save_as(path, write_like_original=False)


def utf8_study(folder):
    files = sorted(glob.glob(os.path.join(SHARED, 'ct-series-lidc-idri-0314-chest', '*.dcm')),
                   key=lambda f: int(pydicom.dcmread(f, stop_before_pixels=True).InstanceNumber))[:3]
    for n, path in enumerate(files, 1):
        ds = pydicom.dcmread(path)
        ds.SpecificCharacterSet = 'ISO_IR 192'
        ds.PatientName, ds.PatientID, ds.PatientBirthDate = NAME, PID, '19580412'
        ds.StudyDate = ds.SeriesDate = ds.ContentDate = '20230817'
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = f'{ROOT}.1', f'{ROOT}.2', f'{ROOT}.3'
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{ROOT}.4.{n}'
        ds.add_new(0x00181002, 'UI', f'{ROOT}.99')  # Device UID
        # The name and the ID run into other letters, in text the profile's table does not name.
        ds.Manufacturer = f'Acme {MARK}s'
        ds.ManufacturerModelName = f'MRN{PID}X'
        ds.BodyPartExamined = f'{MARK}CHEST'
        ds.SeriesDescriptionCodeSequence = seq(code('SD1', f'series of {MARK}{PID}'))
        # A date with the month in words, inside a content item of a context sequence.
        item = Dataset()
        item.ValueType = 'TEXT'
        item.ConceptNameCodeSequence = seq(code('C1', 'note'))
        item.TextValue = 'scanned 17 Aug 2023, born 12-APR-1958'
        ds.ProtocolContextSequence = seq(item)
        # A graphic annotation and an icon image that name the patient.
        text = Dataset()
        text.UnformattedTextValue = f'{NAME} {PID}'
        text.BoundingBoxAnnotationUnits = 'PIXEL'
        annotation = Dataset()
        annotation.GraphicLayer = 'LAYER1'
        annotation.TextObjectSequence = seq(text)
        ds.GraphicAnnotationSequence = seq(annotation)
        icon = Dataset()
        icon.Rows, icon.Columns, icon.SamplesPerPixel, icon.PhotometricInterpretation = 2, 16, 1, 'MONOCHROME2'
        icon.BitsAllocated, icon.BitsStored, icon.HighBit, icon.PixelRepresentation = 8, 8, 7, 0
        icon.PixelData = f'{MARK}-{PID}-ICON-{MARK}'.encode('ascii')[:32].ljust(32, b'.')
        ds.IconImageSequence = seq(icon)
        # A birth date in an alternative calendar; a device ID repeated in Software Versions.
        ds.add_new(0x00100033, 'LO', '19580412')
        ds.add_new(0x00100035, 'CS', 'GREGORIAN')
        ds.add_new(0x00181008, 'LO', 'GANTRY-QX4471')
        ds.SoftwareVersions = 'v7 GANTRY-QX4471'
        ds.BurnedInAnnotation = 'NO'
        syntax = {1: ExplicitVRLittleEndian, 2: DeflatedExplicitVRLittleEndian, 3: ImplicitVRLittleEndian}[n]
        save(ds, os.path.join(folder, f'{MARK}_{PID}_{n}.dcm'), syntax)


def private_class_instance(folder):
    """A pixel-less instance of the CT study whose private SOP class UID is built from the ID and the date."""
    ds = pydicom.dcmread(os.path.join(folder, f'{MARK}_{PID}_1.dcm'), stop_before_pixels=True)
    for tag in [t for t in ds.keys() if t.group in (0x0028, 0x7FE0)]:
        del ds[tag]
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = f'1.2.826.0.1.3680043.9.{PID}.20230817.77'
    ds.SeriesInstanceUID = f'{ROOT}.5'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{ROOT}.6'
    ds.Modality = 'OT'
    save(ds, os.path.join(folder, 'private-class.dcm'), ExplicitVRLittleEndian)


FUZZ = 'FZQMARK'
FUZZ_KEEP = {'SOPClassUID', 'PhotometricInterpretation', 'SpecificCharacterSet', 'TransferSyntaxUID'}
FUZZ_MORE = ['Manufacturer', 'ManufacturerModelName', 'SoftwareVersions', 'BodyPartExamined', 'InstitutionName', 'StationName',
             'ProtocolName', 'SeriesDescription', 'ImageComments', 'DeviceSerialNumber', 'OperatorsName', 'InstanceCreationTime',
             'ConversionType', 'PatientComments', 'PositionReferenceIndicator', 'ConvolutionKernel', 'Laterality', 'PatientAge']


def fuzz(ds):
    """Writes the marker into every text, code, time, age and date element, at any depth."""
    for element in list(ds):
        if element.VR == 'SQ':
            for item in element.value:
                fuzz(item)
        elif element.keyword not in FUZZ_KEEP and element.VR in ('CS', 'LO', 'SH', 'LT', 'ST', 'UT', 'UC', 'AE', 'UR', 'TM', 'AS', 'DA', 'DT', 'PN'):
            element.value = FUZZ


def fuzzed_study(folder):
    """A checker's blunt instrument: the marker in every string element, Modality and Image Type too."""
    ds = pydicom.dcmread(os.path.join(SHARED, 'pydicom', 'CT_small.dcm'))
    for keyword in FUZZ_MORE:
        setattr(ds, keyword, FUZZ)
    fuzz(ds)
    ds.PatientName, ds.PatientID = f'{FUZZ}^Pat', f'{FUZZ}-ID'
    ds.ImageType = ['ORIGINAL', 'PRIMARY', FUZZ]
    root = '1.2.826.0.1.3680043.9.7070'
    ds.StudyInstanceUID, ds.SeriesInstanceUID = f'{root}.1', f'{root}.2'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{root}.3'
    save(ds, os.path.join(folder, 'fuzzed.dcm'), ExplicitVRLittleEndian)
    return ds.StudyInstanceUID


def big_endian_study(folder):
    ds = pydicom.dcmread(os.path.join(SHARED, 'pydicom', 'MR_small_bigendian.dcm'))
    pixels = numpy.clip(ds.pixel_array, -2048, 2047).astype('>i2')
    pixels[0:4, 0:32] |= 0x4000  # an embedded overlay: a bar where text would be
    ds.BitsStored, ds.HighBit = 12, 11
    ds.PixelData = pixels.tobytes()
    ds.PatientName, ds.PatientID = 'BIGENDMARK^Otto', 'BE-77001122'
    ds.Modality = 'BIGENDMARK'  # a checker that writes the name into every text element, this one too
    root = '1.2.826.0.1.3680043.9.5555'
    ds.StudyInstanceUID, ds.SeriesInstanceUID = f'{root}.1', f'{root}.2'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{root}.3'
    ds.BurnedInAnnotation = 'NO'
    ds.save_as(os.path.join(folder, 'big-endian.dcm'), write_like_original=False)
    return ds.StudyInstanceUID


def escaped_studies(folder):
    uids = []
    for n, date in enumerate(['20230817', '20231116'], 1):
        ds = pydicom.dcmread(os.path.join(SHARED, 'pydicom', 'CT_small.dcm'))
        ds.SpecificCharacterSet = ['ISO 2022 IR 6', 'ISO 2022 IR 100']
        # The escape sequence (ESC - A: Latin-1 into G1) inside the name, as an ISO 2022 writer may put it.
        ds.add_new(0x00100010, 'PN', b'Zqxm\x1b-A\xe4rker^J\xf6rg')
        ds.PatientID, ds.PatientBirthDate = 'ESC-99887766', '19600101'
        ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = date
        root = f'1.2.826.0.1.3680043.9.6666.{n}'
        ds.StudyInstanceUID, ds.SeriesInstanceUID = root, f'{root}.2'
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{root}.3'
        ds.add_new(0x00080070, 'LO', b'Zqxm\x1b-A\xe4rkers Klinik')
        ds.BurnedInAnnotation = 'NO'
        save(ds, os.path.join(folder, f'escaped-{n}.dcm'), ExplicitVRLittleEndian)
        uids.append(root)
    return uids




os.makedirs(OUT, exist_ok=True)
utf8_study(OUT)
private_class_instance(OUT)
studies = [f'{ROOT}.1', big_endian_study(OUT), *escaped_studies(OUT), fuzzed_study(OUT)]
ENCODINGS = ['ascii', 'latin-1', 'utf-8', 'utf-16-le', 'utf-16-be']
needles = []
for text in [NAME, 'Jöhanna', MARK, PID, 'BIGENDMARK', 'BE-77001122', 'Zqxmärker', 'Jörg', 'Zqxm', 'ESC-99887766', 'GANTRY-QX4471',
             '20230817', '2023-08-17', '17 Aug 2023', '20231116', '19580412', '12-APR-1958', '19600101', 'Qwenda', 'Zorbach',
             '1.2.826.0.1.3680043.9.5555', '1.2.826.0.1.3680043.9.6666', FUZZ]:
    needles.append({'value': text, 'bytes': forms(text, ENCODINGS)})
# The escaped name as its file holds it: 'Zqxm' ESC - A 'ärker'.
raw = pydicom.dcmread(os.path.join(OUT, 'escaped-1.dcm')).data_element('PatientName').value.original_string
needles.append({'value': 'Zqxmärker^Jörg (ISO 2022 bytes)', 'bytes': [raw.hex()]})
print(json.dumps({'studies': studies, 'needles': needles, 'escapedName': raw.hex()}, ensure_ascii=False))
