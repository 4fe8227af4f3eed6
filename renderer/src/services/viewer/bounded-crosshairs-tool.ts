import type { Types as CoreTypes } from '@cornerstonejs/core';

type Core = typeof import('@cornerstonejs/core');
type ToolsModule = typeof import('@cornerstonejs/tools');
type InteractionEvent = import('@cornerstonejs/tools').Types.EventTypes.InteractionEventType;
type Point3 = CoreTypes.Point3;

/**
 * The nearest point of a volume to a world point: its continuous voxel index held between the first
 * and the last voxel of each axis (so also for oblique and tilted volumes).
 * @param cs - the core module
 * @param image - the volume's image data, as a volume viewport gives it
 * @param world - a point in patient space (mm)
 */
export function clampToVolume(cs: Core, image: CoreTypes.IImageData, world: Point3): Point3 {
  const index = cs.utilities.transformWorldToIndexContinuous(image.imageData, world) as Point3;
  const held = index.map((value: number, axis: number) => Math.min(Math.max(value, 0), image.dimensions[axis]! - 1)) as Point3;
  return cs.utilities.transformIndexToWorld(image.imageData, held) as Point3;
}

/**
 * Cornerstone 5.14's CrosshairsTool jumps the other planes to wherever a click lands, also on the
 * empty canvas around a reformat: a click above the sagittal band put the axial plane hundreds of
 * millimetres past the first slice, showing nothing. This subclass (same tool name) moves a click
 * outside the volume to the volume's nearest point first, so every plane stays on the series.
 * @param cs - the core module
 * @param tools - the tools module
 */
export function boundedCrosshairsTool(cs: Core, tools: ToolsModule): ToolsModule['CrosshairsTool'] {
  return class BoundedCrosshairsTool extends tools.CrosshairsTool {
    static override toolName = tools.CrosshairsTool.toolName;

    constructor(...args: ConstructorParameters<ToolsModule['CrosshairsTool']>) {
      super(...args);
      // The tool assigns its handlers in its constructor: wrap the one a click calls.
      const jump = this.addNewAnnotation;
      this.addNewAnnotation = (evt: InteractionEvent) => {
        const viewport = cs.getEnabledElement(evt.detail.element)?.viewport as CoreTypes.IVolumeViewport | undefined;
        const image = viewport?.getImageData?.();
        // The event's point is read by this tool alone: replacing it moves only the jump.
        if (image) evt.detail.currentPoints.world = clampToVolume(cs, image, evt.detail.currentPoints.world);
        return jump(evt);
      };
    }
  };
}
