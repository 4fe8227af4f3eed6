type ToolsModule = typeof import('@cornerstonejs/tools');
type ImageData = { voxelManager?: { getAtIJK(i: number, j: number, k: number): unknown } } | undefined;

/**
 * Cornerstone 5.14's ProbeTool reads a stack image's value at [i, j, stack index] from that one
 * image's 2-D voxel manager, which has no such voxel beyond the first slice: the probe shows no
 * value anywhere else. This subclass (same tool name) hands it a view of the image that reads
 * [i, j, 0], the image's own pixel.
 * @param tools - the tools module
 */
export function stackSafeProbeTool(tools: ToolsModule): ToolsModule['ProbeTool'] {
  return class StackSafeProbeTool extends tools.ProbeTool {
    static override toolName = tools.ProbeTool.toolName;

    override getTargetImageData(targetId: string) {
      const data = super.getTargetImageData(targetId) as ImageData;
      const voxels = data?.voxelManager;
      if (!targetId.startsWith('imageId:') || !voxels) return data as ReturnType<InstanceType<ToolsModule['ProbeTool']>['getTargetImageData']>;
      const planar = Object.create(voxels, { getAtIJKPoint: { value: ([i, j]: number[]) => voxels.getAtIJK(i!, j!, 0) } }) as typeof voxels;
      return { ...data, voxelManager: planar } as ReturnType<InstanceType<ToolsModule['ProbeTool']>['getTargetImageData']>;
    }
  };
}
