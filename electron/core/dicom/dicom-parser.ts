import dicomParser from 'dicom-parser';
import { teachLongLengthVrs } from '@shared/dicom/long-length-vrs';

// Every parse in the app imports dicom-parser from here (eslint: no-restricted-imports), so none
// runs before the parser knows the 4-byte lengths of OV, SV and UV.
teachLongLengthVrs(dicomParser);

export default dicomParser;
