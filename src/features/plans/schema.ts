import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const Place = { regionCode: Type.Optional(RegionCode), schoolId: Type.Optional(Type.Integer({ minimum: 1 })) };
export const PlanKind = Type.Union(['work_plan', 'emergency_response', 'public_opinion', 'online_teaching', 'other'].map((k) => Type.Literal(k)));
export const Severity = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const PlaceQuery = Strict({ ...Place, kind: Type.Optional(Type.String({ maxLength: 40 })), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) });

export const CreatePlanBody = Strict({ ...Place, kind: PlanKind, title: Type.String({ minLength: 2, maxLength: 200 }), body: Type.String({ minLength: 10, maxLength: 200000 }), note: Type.Optional(Type.String({ maxLength: 500 })) });
export const NewPlanVersionBody = Strict({ body: Type.String({ minLength: 10, maxLength: 200000 }), note: Type.String({ minLength: 2, maxLength: 500 }) });
export const PlanVersionQuery = Strict({ version: Type.Optional(Type.Integer({ minimum: 1 })) });

export const CreateDrillBody = Strict({
  ...Place,
  planId: Type.Optional(Type.Integer({ minimum: 1 })),
  heldOn: DateString,
  scenario: Type.String({ minLength: 2, maxLength: 500 }),
  participants: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  summary: Type.Optional(Type.String({ maxLength: 4000 })),
});

export const CreateTeamBody = Strict({
  regionCode: RegionCode,
  kind: Type.Union([Type.Literal('mobile'), Type.Literal('fixed_area')]),
  name: Type.String({ minLength: 2, maxLength: 120 }),
  area: Type.Optional(Type.String({ maxLength: 500 })),
  members: Type.String({ minLength: 2, maxLength: 2000 }),
});
export const CreateVisitBody = Strict({ schoolId: Type.Integer({ minimum: 1 }), visitedOn: DateString, summary: Type.String({ minLength: 2, maxLength: 4000 }) });

export const CreateIncidentBody = Strict({ ...Place, source: Type.String({ minLength: 2, maxLength: 200 }), summary: Type.String({ minLength: 2, maxLength: 4000 }), severity: Severity });
export const RespondBody = Strict({ body: Type.String({ minLength: 2, maxLength: 4000 }), close: Type.Optional(Type.Boolean()) });

const PlaceView = { regionCode: Type.String(), regionName: Type.String(), schoolId: Nullable(Type.Number()), schoolName: Nullable(Type.String()) };
export const PlanSummary = Type.Object({ id: Type.Number(), ...PlaceView, kind: Type.String(), title: Type.String(), latestVersion: Type.Number(), updatedAt: Type.String() });
export const PlanDetail = Type.Object({
  plan: PlanSummary,
  version: Type.Object({ version: Type.Number(), body: Type.String(), note: Type.String(), createdBy: Nullable(Type.String()), createdAt: Type.String() }),
  versions: Type.Array(Type.Object({ version: Type.Number(), note: Type.String(), createdBy: Nullable(Type.String()), createdAt: Type.String() })),
  drills: Type.Array(Type.Object({ id: Type.Number(), heldOn: Type.String(), scenario: Type.String(), participants: Type.Number() })),
  can: Type.Object({ manage: Type.Boolean() }),
});
export const DrillSummary = Type.Object({ id: Type.Number(), ...PlaceView, planId: Nullable(Type.Number()), planTitle: Nullable(Type.String()), heldOn: Type.String(), scenario: Type.String(), participants: Type.Number(), summary: Type.String() });
export const TeamSummary = Type.Object({ id: Type.Number(), regionCode: Type.String(), regionName: Type.String(), kind: Type.String(), name: Type.String(), area: Type.String(), members: Type.String(), visits: Type.Number(), lastVisitOn: Nullable(Type.String()) });
export const TeamDetail = Type.Object({
  team: TeamSummary,
  visits: Type.Array(Type.Object({ id: Type.Number(), schoolId: Type.Number(), schoolName: Type.String(), visitedOn: Type.String(), summary: Type.String() })),
  can: Type.Object({ manage: Type.Boolean() }),
});
export const IncidentSummary = Type.Object({ id: Type.Number(), ...PlaceView, source: Type.String(), summary: Type.String(), severity: Type.String(), status: Type.String(), reportedAt: Type.String(), responses: Type.Number() });
export const IncidentDetail = Type.Object({
  incident: IncidentSummary,
  responses: Type.Array(Type.Object({ id: Type.Number(), body: Type.String(), by: Nullable(Type.String()), at: Type.String() })),
  can: Type.Object({ respond: Type.Boolean() }),
});
