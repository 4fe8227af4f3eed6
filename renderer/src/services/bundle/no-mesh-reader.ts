// Stands in for vtk.js's mesh file readers (PLY, STL, OBJ, MTL, VTP) in the renderer bundle (see
// electron.vite.config.ts): Cornerstone imports them for surface meshes, which this viewer never
// loads, and with them an XML and a YAML library, about 0.9 MB of script parsed before every
// first image. Asking for one says so instead of failing somewhere inside vtk.js.

function unsupported(): never {
  throw new Error('Loading mesh files (PLY, STL, OBJ, VTP) is not part of this viewer.');
}

/** What vtk.js's reader modules export: a factory and its extend hook. */
export const newInstance = unsupported;
export const extend = unsupported;
export default { newInstance, extend };
