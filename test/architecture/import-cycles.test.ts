import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, tsFilesUnder } from '../support/imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The relative imports of each file, type-only ones included: a type cycle is a design cycle too. */
function importGraph(files: readonly string[], read: (file: string) => string = (file) => readFileSync(file, 'utf8')): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(read(file))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .map((target) => (existsSync(target) || !existsSync(`${target}.ts`) ? target : `${target}.ts`));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every strongly connected group of more than one file (or a file importing itself): Tarjan's algorithm. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

describe('no import cycles in src/ or adapters/', () => {
  const files = [...tsFilesUnder(join(ROOT, 'src')), ...tsFilesUnder(join(ROOT, 'adapters'))];

  it('finds none', () => {
    const cycles = cyclesOf(importGraph(files)).map((group) => group.map((file) => relative(ROOT, file)));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one, type-only imports included', () => {
    const sources: Record<string, string> = {
      '/x/a.ts': "import { b } from './b.ts';",
      '/x/b.ts': "import type { C } from './c.ts';",
      '/x/c.ts': "export { a } from './a.ts';",
      '/x/d.ts': "import { a } from './a.ts';",
    };
    const graph = importGraph(Object.keys(sources), (file) => sources[file] ?? '');
    expect(cyclesOf(graph)).toEqual([['/x/a.ts', '/x/b.ts', '/x/c.ts']]);
  });
});
