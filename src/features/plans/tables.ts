import type { Generated } from 'kysely';

export type PlanKind = 'work_plan' | 'emergency_response' | 'public_opinion' | 'online_teaching' | 'other';

export interface PlansTable {
  id: Generated<number>;
  region_code: string;
  school_id: number | null;
  kind: PlanKind;
  title: string;
  created_by: number | null;
  created_at: Date;
}

export interface PlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  body: string;
  note: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

export interface DrillsTable {
  id: Generated<number>;
  region_code: string;
  school_id: number | null;
  plan_id: number | null;
  held_on: string;
  scenario: string;
  participants: number;
  summary: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

export interface GuidanceTeamsTable {
  id: Generated<number>;
  region_code: string;
  kind: 'mobile' | 'fixed_area';
  name: string;
  area: Generated<string>;
  members: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

export interface GuidanceVisitsTable {
  id: Generated<number>;
  team_id: number;
  school_id: number;
  visited_on: string;
  summary: string;
  created_by: number | null;
  created_at: Date;
}

export interface OpinionIncidentsTable {
  id: Generated<number>;
  region_code: string;
  school_id: number | null;
  source: string;
  summary: string;
  severity: 'low' | 'medium' | 'high';
  status: Generated<'open' | 'closed'>;
  reported_at: Date;
  created_by: number | null;
  closed_at: Date | null;
}

export interface OpinionResponsesTable {
  id: Generated<number>;
  incident_id: number;
  body: string;
  account_id: number | null;
  at: Date;
}

export interface PlanTables {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  drills: DrillsTable;
  guidance_teams: GuidanceTeamsTable;
  guidance_visits: GuidanceVisitsTable;
  opinion_incidents: OpinionIncidentsTable;
  opinion_responses: OpinionResponsesTable;
}
