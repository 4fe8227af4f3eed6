import fs from 'node:fs';
import path from 'node:path';
import { formatTable } from './bench-support';
import { SourceMapIndex } from './source-map-index';

// Splits a Chromium trace of a deep link (viewer-trace.ts) into where the renderer's main thread
// spent the time from navigation to the bench's first image: per CPU-profile sample, what the
// thread was doing (trace events around it: compile, GC, layout/paint, module evaluation) and
// whose code ran (the chunk, and inside the app's chunk React or our own sources by source map).

/** One event of Chromium's JSON trace format (the fields read here). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { data?: Record<string, unknown> } & Record<string, unknown>;
}

interface CallFrame {
  functionName: string;
  url?: string;
  scriptId: number;
  lineNumber?: number;
  columnNumber?: number;
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: CallFrame;
}

const COMPILE = /^(v8\.compile|V8\.Compile|V8\.ParseFunction|V8\.ParseProgram|V8\.PreParse|V8\.OffThreadFinalization|v8\.produceModuleCache|FlushInstructionCache|V8\.FinalizeMaglev|V8\.MaglevConcurrentFinalize|V8\.FinalizeBaseline|DocumentModuleScriptFetcher::NotifyFinished|V8\.CollectSourcePositions)/;
const GC = /^(MinorGC|MajorGC|V8\.GC|BlinkGC|V8\.Scavenger|V8\.GCScavenger|V8\.GCFinalizeMC|V8\.GCIncrementalMarking|V8\.GC_)/;
const RENDER = /^(Layout|Paint|PrePaint|UpdateLayoutTree|Commit|Layerize|ParseAuthorStyleSheet|ScheduleStyleRecalculation|HitTest|RecalcStyle|UpdateLayer|CompositeLayers|PaintImage|Decode Image|ImageDecodeTask)$/;
const HTML = /^(ParseHTML|DocumentLoader::|HTMLDocumentParser)/;

/** A readable name for a script: the bundle's chunks by what they hold. */
function chunkName(url: string | undefined, labels: Map<string, string>): string {
  if (!url) return '(native)';
  const file = url.split('/').pop()!.split('?')[0]!;
  return labels.get(file) ?? file;
}

/** Labels the built chunks by their content (their file names change with every build). */
function labelChunks(assets: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const file of fs.readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const size = fs.statSync(path.join(assets, file)).size;
    const head = fs.readFileSync(path.join(assets, file), 'utf8').slice(0, 4000);
    let label = file;
    if (file.startsWith('index-')) label = 'main (index)';
    else if (file.startsWith('viewer-')) label = 'viewer page';
    else if (file.startsWith('esm-') && size > 2_000_000) label = 'cornerstone core';
    else if (file.startsWith('esm-') && head.includes('from"./index-')) label = 'dicom-image-loader';
    else if (file.startsWith('esm-')) label = 'cornerstone tools';
    labels.set(file, `${label} (${(size / 1e6).toFixed(2)} MB)`);
  }
  return labels;
}

/** What the main thread did during one sample, from the trace events around it. */
function activity(stack: TraceEvent[]): 'compile' | 'gc' | 'layout/paint' | 'html/loading' | 'evaluate' | 'other' {
  for (let i = stack.length - 1; i >= 0; i--) {
    const name = stack[i]!.name;
    if (GC.test(name)) return 'gc';
    if (COMPILE.test(name)) return 'compile';
    if (RENDER.test(name)) return 'layout/paint';
    if (HTML.test(name)) return 'html/loading';
  }
  return stack.some((e) => e.name === 'v8.evaluateModule') ? 'evaluate' : 'other';
}

/** Which source of the app's own chunk a frame is in (by its source map), else the chunk. */
function sourceOf(frame: CallFrame, at: { line: number; column: number } | null, labels: Map<string, string>, maps: Map<string, SourceMapIndex | null>, assets: string): string {
  const chunk = chunkName(frame.url, labels);
  const file = frame.url?.split('/').pop()?.split('?')[0];
  if (!file || !file.startsWith('index-')) return chunk;
  if (!maps.has(file)) maps.set(file, SourceMapIndex.read(path.join(assets, `${file}.map`)));
  // The sample's own position (a chunk's top level is one function: its frame says only 0:0).
  const source = maps.get(file)?.sourceAt(at?.line ?? frame.lineNumber ?? 0, at?.column ?? frame.columnNumber ?? 0);
  if (!source) return `${chunk}: unmapped`;
  if (/node_modules\/(react|react-dom|scheduler)\//.test(source)) return 'main: React';
  if (source.includes('node_modules/')) return `main: ${source.split('node_modules/').pop()!.split('/').slice(0, source.includes('/@') ? 2 : 1).join('/')}`;
  if (source.includes('renderer/src/')) return 'main: our renderer code';
  if (source.includes('shared/')) return 'main: our shared code';
  return `main: ${source}`;
}

/**
 * A table of the main thread's time from navigation to the first image, by activity and by code.
 * @param events - the trace's events
 * @param assets - the built renderer's assets folder (chunk labels, source maps)
 */
export function summariseTrace(events: TraceEvent[], assets: string): string {
  const labels = labelChunks(assets);
  const maps = new Map<string, SourceMapIndex | null>();
  const mark = events.find((e) => e.name === 'bench:first-image' && e.cat.includes('user_timing'));
  if (!mark) throw new Error('the trace holds no bench:first-image mark');
  const { pid, tid } = mark;
  const navigation = mark.ts - Number(mark.args!.data!.startTime) * 1000;
  const at = (name: string | undefined, fallback: number) => (name ? (events.find((e) => e.name === name && e.pid === mark.pid)?.ts ?? fallback) : fallback);
  // A part of the window can be looked at alone (TRACE_FROM / TRACE_TO: mark names).
  const nav = at(process.env.TRACE_FROM, navigation);
  const end = at(process.env.TRACE_TO, mark.ts);
  const ms = (us: number) => us / 1000;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts + (e.dur ?? 0) >= nav && e.ts <= end).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  // Busy = inside a top-level task; the rest of the window the thread waited (network, other threads).
  const tasks = main.filter((e) => e.name === 'RunTask' && e.cat.includes('devtools.timeline'));
  let busy = 0;
  for (const task of tasks) busy += Math.min(end, task.ts + task.dur!) - Math.max(nav, task.ts);

  // The CPU profile of the main thread: its samples with their stacks.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number; weight: number; at: { line: number; column: number } | null }[] = [];
  if (profile) {
    let ts = Number(profile.args!.data!.startTime);
    for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id)) {
      const data = chunk.args!.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[]; lines?: number[]; columns?: number[] };
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      const ids = data.cpuProfile?.samples ?? [];
      ids.forEach((id, k) => {
        ts += data.timeDeltas?.[k] ?? 0;
        // lines and columns: where in the top frame each sample was, 1-based (0 = not known).
        const line = data.lines?.[k] ?? 0;
        samples.push({ ts, node: id, weight: 0, at: line > 0 ? { line: line - 1, column: Math.max(0, (data.columns?.[k] ?? 1) - 1) } : null });
      });
    }
    samples.sort((a, b) => a.ts - b.ts);
    for (let k = 0; k < samples.length; k++) samples[k]!.weight = (samples[k + 1]?.ts ?? samples[k]!.ts) - samples[k]!.ts;
  }

  // Walk samples and events together: the stack of trace events open at each sample.
  const byActivity = new Map<string, number>();
  const byCode = new Map<string, number>();
  const evaluation = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let next = 0;
  const open: TraceEvent[] = [];
  for (const sample of samples) {
    if (sample.ts < nav || sample.ts > end) continue;
    while (next < main.length && main[next]!.ts <= sample.ts) open.push(main[next++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.ts + (open[i]!.dur ?? 0) < sample.ts) open.splice(i, 1);
    const node = nodes.get(sample.node);
    const top = node?.callFrame.functionName ?? '(unknown)';
    if (top === '(idle)' || open.length === 0) {
      add(byActivity, 'idle (waiting)', sample.weight);
      continue;
    }
    if (top === '(garbage collector)') {
      add(byActivity, 'gc', sample.weight);
      continue;
    }
    const kind = activity(open);
    add(byActivity, kind, sample.weight);
    if (top === '(program)' || !node) continue;
    // The JS frame on top, and the bottom-most frame of a module's evaluation (whose chunk is evaluating).
    add(byCode, `${kind === 'compile' ? 'compile' : 'run'}: ${sourceOf(node.callFrame, sample.at, labels, maps, assets)}`, sample.weight);
    if (kind === 'evaluate' || kind === 'compile') {
      let bottom: ProfileNode | undefined = node;
      while (bottom?.parent && nodes.get(bottom.parent)?.callFrame.url) bottom = nodes.get(bottom.parent);
      if (open.some((e) => e.name === 'v8.evaluateModule')) add(evaluation, chunkName(bottom?.callFrame.url, labels), sample.weight);
    }
  }

  // Download and background compile of each script.
  const requests = new Map<string, { url: string; sent: number; response?: number; finished?: number; bytes?: number }>();
  for (const e of events.filter((e) => e.pid === pid && e.cat.includes('devtools.timeline') && e.name.startsWith('Resource'))) {
    const data = e.args?.data as { requestId: string; url?: string; encodedDataLength?: number; finishTime?: number };
    if (e.name === 'ResourceSendRequest' && data.url?.includes('/assets/')) requests.set(data.requestId, { url: data.url, sent: e.ts });
    const r = requests.get(data.requestId);
    if (!r) continue;
    if (e.name === 'ResourceReceiveResponse') r.response = e.ts;
    if (e.name === 'ResourceFinish') [r.finished, r.bytes] = [e.ts, data.encodedDataLength];
  }
  const parsing = new Map<string, { start: number; end: number; dur: number }>();
  for (const e of events.filter((e) => e.pid === pid && e.name === 'v8.parseOnBackground')) {
    const url = String((e.args?.data as { url?: string })?.url);
    const p = parsing.get(url) ?? { start: e.ts, end: e.ts + e.dur!, dur: 0 };
    parsing.set(url, { start: Math.min(p.start, e.ts), end: Math.max(p.end, e.ts + e.dur!), dur: p.dur + e.dur! });
  }
  const modules = events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'v8.compileModule');

  const window = end - nav;
  const out: string[] = [];
  out.push(`navigation to first image: ${ms(window).toFixed(0)} ms; main thread in tasks ${ms(busy).toFixed(0)} ms, between tasks ${ms(window - busy).toFixed(0)} ms`);
  const marks = events.filter((e) => e.pid === pid && e.cat.includes('user_timing') && e.name.startsWith('bonemet:viewer:'));
  out.push(`marks: ${marks.map((m) => `${m.name.replace('bonemet:viewer:', '')} ${ms(m.ts - nav).toFixed(0)}`).join(', ')}`);
  const sampled = [...byActivity.values()].reduce((a, b) => a + b, 0);
  out.push(`\nmain thread by activity (CPU profile samples, ${ms(sampled).toFixed(0)} ms sampled):`);
  out.push(formatTable(['activity', 'ms'], [...byActivity].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v).toFixed(1)])));
  out.push(`\nmain thread JS by code (the frame on top; compile = lazy compilation while running it):`);
  out.push(formatTable(['code', 'ms'], [...byCode].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 1000).map(([k, v]) => [k, ms(v).toFixed(1)])));
  out.push(`\nmodule evaluation (inside v8.evaluateModule, by the chunk being evaluated):`);
  out.push(formatTable(['chunk', 'ms'], [...evaluation].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v).toFixed(1)])));
  out.push(`\nscripts: download and compile (ms since navigation):`);
  out.push(
    formatTable(
      ['script', 'requested', 'response', 'downloaded', 'background parse (wall, busy)', 'module compiled on main'],
      [...requests.values()].filter((r) => r.url.endsWith('.js')).map((r) => {
        const p = parsing.get(r.url);
        const compiled = modules.find((m) => (m.args?.data as { url?: string })?.url === r.url);
        return [
          chunkName(r.url, labels),
          ms(r.sent - nav).toFixed(0),
          r.response ? ms(r.response - nav).toFixed(0) : '-',
          r.finished ? ms(r.finished - nav).toFixed(0) : '-',
          p ? `${ms(p.start - nav).toFixed(0)}-${ms(p.end - nav).toFixed(0)}, ${ms(p.dur).toFixed(0)}` : '-',
          compiled ? `${ms(compiled.ts - nav).toFixed(0)} (+${ms(compiled.dur!).toFixed(1)})` : '-',
        ];
      }),
    ),
  );
  const evaluations = main.filter((e) => e.name === 'v8.evaluateModule' && e.dur! > 1000);
  out.push(`\nv8.evaluateModule over 1 ms: ${evaluations.map((e) => `${ms(e.ts - nav).toFixed(0)} +${ms(e.dur!).toFixed(0)}`).join(', ')}`);
  return out.join('\n');
}
