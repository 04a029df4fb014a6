import type { EntityDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';
import { collectVariables } from '../rules/expression-variables.js';
import { formulaReads } from './formula-reads.js';
import { resolveRollupLink } from './rollup-links.js';

/** Detail code of a loop between derived fields. */
export const DERIVED_CYCLE = 'KITH_DERIVED_FIELD_CYCLE';

/** `to` is computed from `from`; `crossRecord` when it reads another record (a parent, or the children of a roll-up). */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly crossRecord: boolean;
}

/** Which fields each formula and roll-up is computed from, as `entity.field` nodes. */
function dependencies(entities: readonly EntityDefinition[], byName: ReadonlyMap<string, EntityDefinition>): Edge[] {
  const edges: Edge[] = [];
  for (const e of entities) {
    for (const f of e.fields) {
      const to = `${e.name}.${f.name}`;
      if (f.type === 'computed' && f.formula !== undefined) {
        const reads = formulaReads(e, f.formula);
        const own = reads.any ? e.fields.map((x) => x.name) : [...reads.own];
        for (const name of own) edges.push({ from: `${e.name}.${name}`, to, crossRecord: false });
        for (const [relation, fields] of reads.parents) {
          const target = e.fields.find((x) => x.name === relation)?.target;
          for (const name of fields) edges.push({ from: `${target}.${name}`, to, crossRecord: true });
        }
      }
      if (f.type === 'rollup' && f.rollup && typeof f.rollup.relation === 'string') {
        const resolved = resolveRollupLink(e, f.rollup, byName);
        if (!resolved.ok) continue;
        const { child, link, value } = resolved.link;
        const inputs = new Set([link.name, ...(value ? [value.name] : [])]);
        if (f.rollup.where !== undefined) for (const v of collectVariables(f.rollup.where).variables) inputs.add(v.split('.')[0]!);
        for (const name of inputs) edges.push({ from: `${child.name}.${name}`, to, crossRecord: true });
      }
    }
  }
  return edges;
}

/**
 * Loops between derived fields across records — a roll-up over a formula that reads the
 * roll-up's own parent value, a roll-up over itself through a self-relation — which would
 * recompute forever. Loops among one record's own formulas are not reported here: they are
 * evaluated once, in definition order.
 */
export function derivedCycleProblems(entities: readonly EntityDefinition[], byName: ReadonlyMap<string, EntityDefinition>): ErrorDetail[] {
  const edges = dependencies(entities, byName);
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const component = stronglyConnected(next);
  const looping = new Map<number, Set<string>>();
  for (const edge of edges) {
    const c = component.get(edge.from);
    if (!edge.crossRecord || c === undefined || c !== component.get(edge.to)) continue;
    const members = looping.get(c) ?? new Set<string>();
    members.add(edge.from).add(edge.to);
    looping.set(c, members);
  }
  return [...looping.values()].map((members) => {
    const names = [...members].sort();
    return {
      field: names[0]!,
      code: DERIVED_CYCLE,
      message: `${names.join(', ')} are computed from each other across records, so a change would never settle; break the loop by reading stored fields instead.`,
    };
  });
}

/** Tarjan's strongly connected components, iteratively: node → component number. */
function stronglyConnected(next: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const to = targets[frame.i++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}
