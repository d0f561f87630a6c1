import { readFileSync } from 'node:fs';

/** Reading a V8 .cpuprofile (node --cpu-prof): where the samples fell, by function and by package. */
interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly where: string;
  readonly category: string;
  readonly ms: number;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Time not idle: what the process spent working. */
  readonly busyMs: number;
  readonly topSelf: readonly ProfileEntry[];
  readonly topInclusive: readonly ProfileEntry[];
  readonly byCategory: ReadonlyArray<{
    readonly category: string;
    readonly ms: number;
    readonly percent: number;
  }>;
}

/** The package or part of Node a frame belongs to. */
export const categoryOf = (frame: CallFrame): string => {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('wasm://')) return 'libxml2-wasm (wasm)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) {
    const path = url.slice('node:'.length).replace(/^internal\//, '');
    return `node:${path.split('/')[0]?.replace(/^_/, '').replace(/_.*$/, '') ?? path}`;
  }
  const ours = /\/dist\/(src\/.*)\.js$/.exec(url)?.[1];
  return ours ? `ours: ${ours.split('/').slice(0, 2).join('/')}` : url;
};

const whereOf = (frame: CallFrame): string => {
  const { url, lineNumber } = frame;
  if (!url) return '';
  const short = url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\//, '')
    .replace(/^file:\/\//, '');
  return `${short}:${lineNumber + 1}`;
};

export const analyseProfile = (file: string, top = 25): ProfileSummary => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (f: CallFrame): string => `${f.functionName || '(anonymous)'}\u0000${whereOf(f)}`;
  const self = new Map<string, { frame: CallFrame; us: number }>();
  const inclusive = new Map<string, { frame: CallFrame; us: number }>();
  const categories = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    totalUs += us;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const add = (map: Map<string, { frame: CallFrame; us: number }>, f: CallFrame): void => {
      const key = keyOf(f);
      const entry = map.get(key) ?? { frame: f, us: 0 };
      entry.us += us;
      map.set(key, entry);
    };
    add(self, frame);
    const category = categoryOf(frame);
    categories.set(category, (categories.get(category) ?? 0) + us);
    // Inclusive: once per function on the stack, however deep the recursion.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)?.callFrame;
      if (!f || f.functionName === '(root)') continue;
      const key = keyOf(f);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, f);
    }
  });
  const busyUs = totalUs - idleUs;
  const entries = (map: Map<string, { frame: CallFrame; us: number }>, n: number): ProfileEntry[] =>
    [...map.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, n)
      .map(({ frame, us }) => ({
        name: frame.functionName || '(anonymous)',
        where: whereOf(frame),
        category: categoryOf(frame),
        ms: us / 1000,
        percent: (100 * us) / busyUs,
      }));
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    topSelf: entries(self, top),
    topInclusive: entries(inclusive, 2 * top).filter((e) => !e.name.startsWith('(')),
    byCategory: [...categories.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([category, us]) => ({ category, ms: us / 1000, percent: (100 * us) / busyUs })),
  };
};
