import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Which folders of src/ each folder imports from (type imports included), read from the sources. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  for (const file of files) {
    const from = file.split(path.sep)[0]!;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(path.join(SRC, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)) {
      const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), m[1]!)).split(path.sep)[0]!;
      if (target !== from && !target.startsWith('..')) edges.add(target);
    }
  }
  return graph;
}

/** A cycle of folders as "a → b → a", or undefined. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]): string | undefined => {
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node].join(' → ');
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the folders of src/ import one another without a cycle', () => {
  const graph = folderGraph();

  it('has no folder cycle, and the engine imports no other folder', () => {
    expect(findCycle(graph)).toBeUndefined();
    expect([...graph.get('engine')!]).toEqual([]);
    expect([...graph.get('rules')!]).toEqual(['engine']);
  });

  it('reads the real imports (a graph of nothing has no cycle either)', () => {
    expect([...graph.get('cli')!]).toEqual(expect.arrayContaining(['engine', 'files', 'rules']));
    expect(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toBe('a → b → a');
  });
});
