import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';

/**
 * The person file (一人一档) is one view of everything about a person. Each capability adds a
 * section (checks, episodes, cases, isolation, tests, leave …) by registering a loader here.
 */
export interface PersonFileSection {
  key: string;
  title: { zh: string; en: string };
  load(ctx: AppContext, actor: Actor, personId: number): Promise<unknown[]>;
}

const sections: PersonFileSection[] = [];

export function registerPersonFileSection(section: PersonFileSection): void {
  if (!sections.some((s) => s.key === section.key)) sections.push(section);
}

export function personFileSections(): readonly PersonFileSection[] {
  return sections;
}
