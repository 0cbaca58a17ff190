import type { ContactVia } from '../policies/types';

/** One structural link between the case and another person, as the structure query returns it. */
export interface StructureLink {
  personId: number;
  via: ContactVia;
}

export interface ProposedContact {
  personId: number;
  via: ContactVia[];
}

const ORDER: Record<ContactVia, number> = { household: 0, dorm: 1, class: 2, dining: 3, bus: 4, arrival: 5, teacher: 6 };

/**
 * Merges structural links into proposals: one per person, the reasons in a fixed order (closest
 * exposure first), only reasons the policy counts, never the case person. Persons already
 * listed for the case are left out so a repeated proposal adds only new people.
 */
export function mergeLinks(links: StructureLink[], o: { casePersonId: number; via: readonly ContactVia[]; existing?: ReadonlySet<number> }): ProposedContact[] {
  const allowed = new Set(o.via);
  const byPerson = new Map<number, Set<ContactVia>>();
  for (const l of links) {
    if (l.personId === o.casePersonId || !allowed.has(l.via) || o.existing?.has(l.personId)) continue;
    let set = byPerson.get(l.personId);
    if (!set) byPerson.set(l.personId, (set = new Set()));
    set.add(l.via);
  }
  return [...byPerson.entries()]
    .map(([personId, set]) => ({ personId, via: [...set].sort((a, b) => ORDER[a] - ORDER[b]) }))
    .sort((a, b) => ORDER[a.via[0]] - ORDER[b.via[0]] || a.personId - b.personId);
}

export interface ChainNode {
  caseId: number;
  personId: number;
  status: string;
}

export interface ChainEdge {
  from: number;
  to: number;
  kind: 'infected' | 'contact';
  via: string[];
}

/** The transmission chain of an outbreak: cases as nodes, who infected whom and confirmed contacts as edges. */
export function chainGraph(cases: (ChainNode & { sourceCaseId: number | null })[], contacts: { caseId: number; personId: number; via: string[]; status: string }[]) {
  const nodes: { id: string; personId: number; kind: 'case' | 'contact'; status: string }[] = [];
  const edges: ChainEdge[] = [];
  const casePersons = new Map(cases.map((c) => [c.personId, c.caseId]));
  for (const c of cases) {
    nodes.push({ id: `p${c.personId}`, personId: c.personId, kind: 'case', status: c.status });
    if (c.sourceCaseId) {
      const src = cases.find((s) => s.caseId === c.sourceCaseId);
      if (src) edges.push({ from: src.personId, to: c.personId, kind: 'infected', via: [] });
    }
  }
  const seen = new Set(nodes.map((n) => n.personId));
  for (const k of contacts) {
    if (k.status !== 'confirmed') continue;
    const from = cases.find((c) => c.caseId === k.caseId);
    if (!from) continue;
    if (!seen.has(k.personId)) {
      seen.add(k.personId);
      nodes.push({ id: `p${k.personId}`, personId: k.personId, kind: 'contact', status: 'confirmed' });
    }
    if (!casePersons.has(k.personId) || casePersons.get(k.personId) !== from.caseId) edges.push({ from: from.personId, to: k.personId, kind: 'contact', via: k.via });
  }
  return { nodes, edges };
}
