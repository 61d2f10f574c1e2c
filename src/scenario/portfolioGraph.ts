// The dependency graph of a portfolio's services: a cycle is an error (a service cannot need itself
// to be up to be up), and everything that composes services does it dependencies first.

/** A service and the names of the services it depends on. */
export interface GraphNode {
  readonly name: string;
  readonly dependsOn: readonly { readonly service: string }[];
}

/**
 * A dependency cycle, as the names along it with the first repeated at the end
 * (["api", "payments-db", "api"]), or undefined when there is none. Depth-first, in the services'
 * order and each one's dependencies' order, so the cycle reported is always the same one.
 */
export function findCycle(nodes: readonly GraphNode[]): string[] | undefined {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const seen = state.get(name);
    if (seen === "done") return undefined;
    if (seen === "open") return [...path.slice(path.indexOf(name)), name];
    state.set(name, "open");
    path.push(name);
    for (const d of byName.get(name)?.dependsOn ?? []) {
      const cycle = visit(d.service);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(name, "done");
    return undefined;
  };
  for (const n of nodes) {
    const cycle = visit(n.name);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/** Indices of `nodes`, every service after the services it depends on; ties keep file order. */
export function dependencyOrder(nodes: readonly GraphNode[]): number[] {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const placed = new Array<boolean>(nodes.length).fill(false);
  const order: number[] = [];
  const place = (i: number): void => {
    if (placed[i]) return;
    placed[i] = true; // acyclic (findCycle): no service is reached again while it is being placed
    for (const d of nodes[i]!.dependsOn) place(index.get(d.service)!);
    order.push(i);
  };
  nodes.forEach((_, i) => place(i));
  return order;
}

/** Indices of the services `roots` need, themselves included — transitively — in dependency order. */
export function closure(nodes: readonly GraphNode[], roots: readonly number[]): number[] {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const needed = new Set<number>();
  const add = (i: number): void => {
    if (needed.has(i)) return;
    needed.add(i);
    for (const d of nodes[i]!.dependsOn) add(index.get(d.service)!);
  };
  roots.forEach(add);
  return dependencyOrder(nodes).filter((i) => needed.has(i));
}
