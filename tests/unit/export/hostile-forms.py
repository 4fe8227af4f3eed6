"""Writes a third round of DICOM files that hide their patient, in the forms a person or another
system writes an identifier when it copies it by hand, and where vendors keep it; prints as JSON
what it planted: {"studies": [...], "needles": [{"value", "bytes"}]}.

Usage: hostile-forms.py SHARED_DICOM OUT_DIR

Three LIDC CT slices in UTF-8 (ISO_IR 192) of a patient named Böhmländer^Zoë, ID MRN-0048-1779, accession
ACC-2023-55119, each holding in text the profile's table does not name:
- the ID as its digits alone, and without its separators;
- the name as an ASCII writer folds it (Bohmlander, Boehmlaender), and in full-width letters;
- the ID split over two values of one multi-valued element;
- the study date in Japanese (2023年8月17日) and without leading zeros (2023/8/17);
- the name in the UTF-16 text of an ICC profile (group 0028, kept with the pixels it describes);
and, of another patient whose name is padded with a NUL, the given name alone;
and where vendors and referrers keep it: an image whose private SOP Class UID holds the study date, GE (0009, 0043), Siemens CSA (0029) and Philips (2001,
2005) private blocks, the Referenced Patient Sequence, the accession in a Referenced Study item.
"""
import glob
import json
import os
import struct
import sys
import warnings

import pydicom
from dicom_items import code, seq
from needle_forms import forms
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian

SHARED, OUT = sys.argv[1], sys.argv[2]
warnings.simplefilter('ignore')

NAME, PID, ACCESSION = 'Böhmländer^Zoë', 'MRN-0048-1779', 'ACC-2023-55119'
ROOT = '1.2.826.0.1.3680043.9.4242'



def csa_header(entries):
    """A Siemens CSA2 header ('SV10'): each element a name, VR and one text item naming the patient."""
    out = b'SV10\x04\x03\x02\x01' + struct.pack('<II', len(entries), 77)
    for name, text in entries:
        out += name.encode('ascii').ljust(64, b'\0') + struct.pack('<i', 1) + b'LO\0\0' + struct.pack('<iii', 1, 1, 77)
        data = text.encode('latin-1') + b'\0'
        out += struct.pack('<iiii', len(data), len(data), 77, len(data)) + data + b'\0' * ((4 - len(data) % 4) % 4)
    return out


def icc_profile(unicode_description):
    """A minimal ICC v2 profile whose 'desc' tag says 'Generic Gray' in ASCII and the text given in its
    Unicode part (UTF-16BE, which the 13 ASCII bytes put at an odd offset)."""
    ascii_part = b'Generic Gray\0'
    text = unicode_description.encode('utf-16-be')
    desc = b'desc\0\0\0\0' + struct.pack('>I', len(ascii_part)) + ascii_part
    desc += struct.pack('>II', 0, len(unicode_description)) + text + b'\0' * 3 + b'\0' * 67
    header_len, tag_table = 128, 4 + 12
    body = desc + b'\0' * ((4 - len(desc) % 4) % 4)
    size = header_len + tag_table + len(body)
    header = struct.pack('>I', size) + b'none' + b'\x02\x10\0\0' + b'mntrGRAY' + b'XYZ ' + b'\0' * 12 + b'acsp' + b'\0' * (128 - 40)
    return header + struct.pack('>I', 1) + b'desc' + struct.pack('>II', header_len + tag_table, len(desc)) + body


def write_study(folder):
    files = sorted(glob.glob(os.path.join(SHARED, 'ct-series-lidc-idri-0314-chest', '*.dcm')),
                   key=lambda f: int(pydicom.dcmread(f, stop_before_pixels=True).InstanceNumber))[:3]
    os.makedirs(folder, exist_ok=True)
    for n, path in enumerate(files, 1):
        ds = pydicom.dcmread(path)
        ds.SpecificCharacterSet = 'ISO_IR 192'
        ds.PatientName, ds.PatientID, ds.PatientBirthDate = NAME, PID, '19610305'
        ds.AccessionNumber = ACCESSION
        ds.StudyDate = ds.SeriesDate = ds.ContentDate = '20230817'
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = f'{ROOT}.1', f'{ROOT}.2', f'{ROOT}.3'
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{ROOT}.4.{n}'
        # The ID by its digits and without its separators, the name folded to ASCII, in kept text.
        ds.ManufacturerModelName = 'Somatom 00481779'
        ds.WindowCenterWidthExplanation = ['MRN00481779', 'BONE']
        ds.AnatomicRegionSequence = seq(code('T-D3000', 'Chest of BOHMLANDER', 'SRT'))
        ds.BodyPartExamined = 'CHEST'
        ds.ConvolutionKernel = 'BOEHMLAENDER'
        # The name in full-width letters, as a Japanese system types Latin text.
        ds.TransmitCoilName = 'ＢÖＨＭＬÄＮＤＥＲ'
        ds.add_new(0x00180015, 'CS', 'CHEST')
        # The study date as a Japanese site or a hand without leading zeros writes it.
        ds.ReceiveCoilName = '2023年8月17日'
        ds.ProcessingFunction = 'recon 2023/8/17'
        # The ID split over two values of one element (Software Versions is multi-valued).
        ds.SoftwareVersions = ['VE11 MRN-0048-', '1779']
        # The accession without its separators, in a code meaning.
        ds.DerivationCodeSequence = seq(code('113076', 'Segmentation ACC202355119', 'DCM'))
        # The name in the ICC profile's description, in UTF-16 (kept: group 0028 describes the pixels).
        ds.add_new(0x00282000, 'OB', icc_profile(f'Profile of Böhmländer Zoë {PID}'))
        # Vendors: GE, Siemens CSA, Philips, each naming the patient.
        ds.add_new(0x00090010, 'LO', 'GEMS_IDEN_01')
        ds.add_new(0x00091002, 'SH', 'MRN00481779')
        ds.add_new(0x00430010, 'LO', 'GEMS_PARM_01')
        ds.add_new(0x00431028, 'OB', f'GE raw {NAME} {PID}'.encode('latin-1') + b'\0')
        ds.add_new(0x00290010, 'LO', 'SIEMENS CSA HEADER')
        ds.add_new(0x00291010, 'OB', csa_header([('PatientName', 'Böhmländer Zoë'), ('ImaCoilString', f'for {PID}')]))
        ds.add_new(0x00291020, 'OB', csa_header([('MrPhoenixProtocol', f'tProtocolName = "{ACCESSION}"')]))
        ds.add_new(0x20010010, 'LO', 'Philips Imaging DD 001')
        inner = Dataset()
        inner.PatientName = NAME
        inner.PatientID = PID
        inner.AccessionNumber = ACCESSION
        ds.add_new(0x2001105F, 'SQ', seq(inner))
        ds.add_new(0x20050010, 'LO', 'Philips MR Imaging DD 001')
        ds.add_new(0x20051011, 'LO', f'{PID}')
        # A referrer's references: the patient, the study with its accession.
        patient = Dataset()
        patient.ReferencedSOPClassUID = '1.2.840.10008.3.1.2.1.1'
        patient.ReferencedSOPInstanceUID = f'{ROOT}.9'
        patient.PatientName = NAME
        patient.PatientID = PID
        patient.PatientBirthDate = '19610305'
        ds.ReferencedPatientSequence = seq(patient)
        study = Dataset()
        study.ReferencedSOPClassUID = '1.2.840.10008.3.1.2.3.1'
        study.ReferencedSOPInstanceUID = f'{ROOT}.8'
        study.AccessionNumber = ACCESSION
        ds.ReferencedStudySequence = seq(study)
        ds.BurnedInAnnotation = 'NO'
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.save_as(os.path.join(folder, f'forms_{n}.dcm'), write_like_original=False)
    # A series of one image whose private SOP Class UID is built from the study date.
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = f'{ROOT}.20230817.1'
    ds.SeriesInstanceUID = f'{ROOT}.5'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{ROOT}.6'
    ds.save_as(os.path.join(folder, 'forms_private_class.dcm'), write_like_original=False)


def nul_padded_study(folder):
    """Another patient, whose Patient's Name is padded with a NUL to even length (as some writers pad),
    and whose given name stands alone in a kept text."""
    ds = pydicom.dcmread(os.path.join(SHARED, 'pydicom', 'CT_small.dcm'))
    ds.add_new(0x00100010, 'PN', b'Qaxton^Wren\0')
    ds.PatientID = 'NUL-3141'
    ds.FilterType = 'for Wren'
    ds.StudyInstanceUID, ds.SeriesInstanceUID = f'{ROOT}.7.1', f'{ROOT}.7.2'
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = f'{ROOT}.7.3'
    ds.BurnedInAnnotation = 'NO'
    ds.save_as(os.path.join(folder, 'nul_padded.dcm'), write_like_original=False)
    return ds.StudyInstanceUID


write_study(OUT)
studies = [f'{ROOT}.1', nul_padded_study(OUT)]
ENCODINGS = ['ascii', 'latin-1', 'utf-8', 'utf-16-le', 'utf-16-be']
needles = []
for text in [NAME, 'Qaxton', 'for Wren', 'Böhmländer', 'Bohmlander', 'ＢÖＨＭＬÄＮＤＥＲ', 'Boehmlaender', PID, '00481779', 'MRN00481779', '0048-1779', ACCESSION, '202355119',
             'ACC202355119', '19610305', '20230817', '2023年8月17日', '2023/8/17', ROOT]:
    needles.append({'value': text, 'bytes': forms(text, ENCODINGS) + forms(text.upper(), ENCODINGS)})
print(json.dumps({'studies': studies, 'needles': needles}, ensure_ascii=False))
