import { can, type Permission } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';

/**
 * The person file (一人一档) is one view of everything about a person. Each capability adds a
 * section (checks, episodes, cases, isolation, tests, leave …) by registering a loader here.
 * A section is loaded only for an actor holding one of its `readableWith` permissions; the others
 * never see it, not even as an empty list (an empty section would still say "nothing here").
 */
export interface PersonFileSection {
  key: string;
  title: { zh: string; en: string };
  /**
   * Any one of these lets the actor read the section: normally the permission of the capability's
   * own list and read endpoints, so the file never shows more than those would. A section without it
   * is shown to nobody.
   */
  readableWith?: readonly Permission[];
  load(ctx: AppContext, actor: Actor, personId: number): Promise<unknown[]>;
}

/**
 * Guardians and co-residents (names, relations, masked phones, occupations) serve contact tracing
 * (case.read) and leave arrangements (leave.read, parents included); the gate needs neither.
 */
export const HOUSEHOLD_READABLE_WITH: readonly Permission[] = ['case.read', 'leave.read'];

const sections: PersonFileSection[] = [];

export function registerPersonFileSection(section: PersonFileSection): void {
  if (!sections.some((s) => s.key === section.key)) sections.push(section);
}

export function personFileSections(): readonly PersonFileSection[] {
  return sections;
}

/** The permissions that open a section; empty (nobody) when it declares none: fail closed. */
export function sectionReadableWith(section: PersonFileSection): readonly Permission[] {
  return section.readableWith ?? [];
}

export function canReadAny(actor: Actor, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(actor, p));
}

/** The sections this actor may read, in registration order. */
export function readablePersonFileSections(actor: Actor): PersonFileSection[] {
  return sections.filter((s) => canReadAny(actor, sectionReadableWith(s)));
}
