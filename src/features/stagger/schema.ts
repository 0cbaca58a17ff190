import { Type } from 'typebox';
import { Strict } from '../../http/schema';

const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' });
const Window = Strict({ start: Clock, slotMinutes: Type.Integer({ minimum: 1, maximum: 240 }), end: Type.Optional(Clock) });
const Phase = Type.Union([Type.Literal('arrival'), Type.Literal('departure'), Type.Literal('dining')]);

export const CreateScheduleBody = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  gates: Type.Array(Strict({ id: Type.String({ minLength: 1, maxLength: 20 }), name: Type.Optional(Type.String({ maxLength: 40 })), capacityPerSlot: Type.Integer({ minimum: 1, maximum: 100_000 }) }), { maxItems: 20 }),
  canteenAreas: Type.Array(Strict({ id: Type.String({ minLength: 1, maxLength: 20 }), name: Type.Optional(Type.String({ maxLength: 40 })), seatsPerSlot: Type.Integer({ minimum: 1, maximum: 100_000 }), seating: Type.Optional(Type.String({ maxLength: 60 })) }), { maxItems: 20 }),
  windows: Strict({ arrival: Window, departure: Window, dining: Window }),
  rules: Type.Optional(Strict({
    separateGrades: Type.Optional(Type.Union([Type.Literal('all'), Type.Array(Type.Integer({ minimum: 0, maximum: 20 }), { maxItems: 20 })])),
    separatePhases: Type.Optional(Type.Array(Phase, { maxItems: 3 })),
    siblingPhases: Type.Optional(Type.Array(Phase, { maxItems: 3 })),
  })),
  /** Pairs of class ids whose pupils include siblings (they share arrival and departure slots). */
  siblingLinks: Type.Optional(Type.Array(Type.Tuple([Type.Integer({ minimum: 1 }), Type.Integer({ minimum: 1 })]), { maxItems: 500 })),
});

export const SchoolQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }) });

const Placement = Type.Object({ slot: Type.Number(), resourceId: Type.String(), resourceName: Type.String(), from: Type.String(), to: Type.String() });
export const ScheduleResponse = Type.Object({
  id: Type.Number(),
  schoolId: Type.Number(),
  createdAt: Type.String(),
  classes: Type.Array(Type.Object({ classId: Type.Number(), className: Type.String(), size: Type.Number(), arrival: Placement, departure: Placement, dining: Placement })),
  phases: Type.Unknown(),
});
