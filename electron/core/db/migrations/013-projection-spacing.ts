import type { Migration } from '../migration';

/**
 * Where a projection radiograph's spacing lies (measurementSpacing): Imager Pixel Spacing
 * (0018,1164) as JSON [row, column], Pixel Spacing Calibration Type (0028,0A02) and Estimated
 * Radiographic Magnification Factor (0018,1114). Rows indexed before hold NULL: the rule then takes
 * a radiograph's Pixel Spacing as at the detector (the plane that never understates a size), and
 * importing the folder again reads the attributes.
 */
export const projectionSpacing: Migration = {
  version: 13,
  name: 'projection-spacing',
  up(db) {
    db.exec(`
      ALTER TABLE instances ADD COLUMN imager_pixel_spacing TEXT CHECK (imager_pixel_spacing IS NULL OR json_valid(imager_pixel_spacing));
      ALTER TABLE instances ADD COLUMN pixel_spacing_calibration_type TEXT;
      ALTER TABLE instances ADD COLUMN magnification_factor REAL;
    `);
  },
};
