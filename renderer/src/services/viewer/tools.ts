import { initCornerstone } from '../cornerstone';
import { analyzeBoneTool } from './bone-analysis/analyze-bone-tool';
import { proposalOverlayTool, PROPOSAL_OVERLAY_TOOL_NAME } from './bone-analysis/proposal-overlay-tool';
import { boundedCrosshairsTool } from './bounded-crosshairs-tool';
import { corticalInvolvementTool } from './cortical-involvement-tool';
import { stackSafeProbeTool } from './stack-probe-tool';
import { requestText } from './text-prompt';
import { markViewer } from './viewer-timing';
import { lengthTextLines } from './length-text-lines';

type ToolsModule = typeof import('@cornerstonejs/tools');
type ToolGroup = NonNullable<ReturnType<ToolsModule['ToolGroupManager']['createToolGroup']>>;

/** The tools a user picks for the left mouse button, in toolbar order. */
export const PRIMARY_TOOLS = [
  { name: 'WindowLevel', label: 'W/L', title: 'Window / level' },
  { name: 'Pan', label: 'Pan', title: 'Pan' },
  { name: 'Zoom', label: 'Zoom', title: 'Zoom' },
  { name: 'Length', label: 'Length', title: 'Length (mm)' },
  { name: 'Bidirectional', label: 'Bidir', title: 'Bidirectional: long and short axis' },
  { name: 'EllipticalROI', label: 'Ellipse', title: 'Elliptical ROI: area, mean, SD, min, max' },
  { name: 'CircleROI', label: 'Circle', title: 'Circle ROI: area, mean, SD, min, max' },
  { name: 'PlanarFreehandROI', label: 'Free', title: 'Freehand ROI' },
  { name: 'Angle', label: 'Angle', title: 'Angle' },
  { name: 'Probe', label: 'Probe', title: 'Probe: the value at a point' },
  { name: 'ArrowAnnotate', label: 'Arrow', title: 'Arrow with text' },
  { name: 'CorticalInvolvement', label: 'Cortex', title: 'Cortical involvement (U): click the bone centre, both ends of the destroyed arc, then a point on the destroyed side' },
  { name: 'Crosshairs', label: 'Cross', title: 'Crosshairs (MPR only)' },
  { name: 'AnalyzeBone', label: 'Analyze bone', title: 'Analyze bone (Shift+A): click inside a long bone near the lesion, on a CT; proposes cortical involvement and rigidity' },
] as const;

/** A tool name the toolbar offers. */
export type PrimaryToolName = (typeof PRIMARY_TOOLS)[number]['name'];

/** Tools that leave annotations behind (measurements a reader may undo, redo and delete). */
export const ANNOTATION_TOOLS: readonly PrimaryToolName[] = ['Length', 'Bidirectional', 'EllipticalROI', 'CircleROI', 'PlanarFreehandROI', 'Angle', 'Probe', 'ArrowAnnotate', 'CorticalInvolvement'];

const PLANE_COLOURS: [string, string][] = [
  ['axial', 'rgb(200, 0, 0)'],
  ['sagittal', 'rgb(200, 200, 0)'],
  ['coronal', 'rgb(0, 200, 0)'],
];

let ready: Promise<ToolsModule> | null = null;
let loaded: ToolsModule | null = null;

/** The tools module when initTools has finished (the viewer warmed up before), else null. */
export function loadedTools(): ToolsModule | null {
  return loaded;
}

/** Loads, initialises and registers Cornerstone's tools once per page (after core). */
export function initTools(): Promise<ToolsModule> {
  ready ??= (async () => {
    // Fetch and compile the tools chunk while core starts: tools.init() needs core, the download does not.
    const [cs, tools] = await Promise.all([initCornerstone(), import('@cornerstonejs/tools')]);
    tools.init();
    for (const Tool of [
      tools.WindowLevelTool, tools.PanTool, tools.ZoomTool, tools.StackScrollTool, tools.LengthTool, tools.BidirectionalTool,
      tools.EllipticalROITool, tools.CircleROITool, tools.PlanarFreehandROITool, tools.AngleTool, stackSafeProbeTool(tools),
      tools.ArrowAnnotateTool, boundedCrosshairsTool(cs, tools), tools.ReferenceLinesTool, corticalInvolvementTool(cs, tools),
      analyzeBoneTool(tools), proposalOverlayTool(cs, tools),
    ]) {
      tools.addTool(Tool);
    }
    markViewer('tools');
    loaded = tools;
    return tools;
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/** What some tools need besides their defaults. */
function toolConfiguration(name: PrimaryToolName): Record<string, unknown> | undefined {
  if (name === 'Crosshairs') {
    // Each plane's line in its own colour, as OHIF draws them.
    return { getReferenceLineColor: (viewportId: string) => PLANE_COLOURS.find(([plane]) => viewportId.endsWith(plane))?.[1] ?? 'rgb(0, 200, 0)' };
  }
  if (name === 'Length' || name === 'Bidirectional') return { getTextLines: lengthTextLines(name) };
  if (name === 'ArrowAnnotate') {
    // window.prompt does not exist in Electron: ask through the app's own dialog.
    return {
      getTextCallback: (done: (text: string) => void) => void requestText('Arrow text', '').then((text) => done(text ?? '')),
      changeTextCallback: (annotation: { data?: { label?: string } }, _event: unknown, done: (text: string) => void) =>
        void requestText('Arrow text', annotation.data?.label ?? '').then((text) => done(text ?? annotation.data?.label ?? '')),
    };
  }
  return undefined;
}

/**
 * Creates a tool group with the reading-room bindings of OHIF and Horos: left = window/level,
 * right drag = zoom, middle drag = pan, wheel = slices; measurement tools passive (editable).
 * @param tools - the initialised tools module
 * @param id - a tool group id unique in the page
 * @param mpr - true for the orthographic group, which also gets crosshairs
 */
export function createReadingToolGroup(tools: ToolsModule, id: string, mpr: boolean): ToolGroup {
  const { MouseBindings } = tools.Enums;
  const group = tools.ToolGroupManager.createToolGroup(id)!;
  for (const { name } of PRIMARY_TOOLS) if (name !== 'Crosshairs' || mpr) group.addTool(name, toolConfiguration(name));
  group.addTool('StackScroll');
  group.addTool('ReferenceLines');
  // Draws a bone analysis proposal on reformats; it takes no input.
  group.addTool(PROPOSAL_OVERLAY_TOOL_NAME);
  group.setToolEnabled(PROPOSAL_OVERLAY_TOOL_NAME);
  group.setToolActive('WindowLevel', { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive('StackScroll', { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  for (const name of ANNOTATION_TOOLS) group.setToolPassive(name);
  return group;
}

/**
 * Puts a tool on the left button of a group, keeping right-drag zoom, middle-drag pan and the wheel.
 * @param tools - the tools module
 * @param group - the tool group
 * @param name - the tool to activate
 */
export function setPrimaryTool(tools: ToolsModule, group: ToolGroup, name: PrimaryToolName): void {
  if (!group.hasTool(name)) return;
  const { MouseBindings } = tools.Enums;
  const current = group.getActivePrimaryMouseButtonTool();
  if (current && current !== name) {
    // Passive drops only the left-button binding: Pan and Zoom keep their middle and right drags.
    if (current === 'Crosshairs') group.setToolDisabled(current);
    else group.setToolPassive(current);
  }
  group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Primary }] });
}
