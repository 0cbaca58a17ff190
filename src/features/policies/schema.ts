import { Type } from 'typebox';
import { CONTACT_VIAS } from '../../domain/policies/types';
import { Nullable, Strict } from '../../http/schema';

export const lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const DiseaseCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });
export const RegionCode = Type.String({ pattern: '^\\d{6}$' });

const Day = Type.Integer({ minimum: 0, maximum: 365 });
const IsolationRuleSchema = Strict({
  kind: lit(['home', 'on_campus', 'site']),
  days: Day,
  monitoringDays: Day,
  testDays: Type.Array(Type.Integer({ minimum: 1, maximum: 365 }), { maxItems: 30 }),
});

export const PolicyRulesSchema = Strict({
  name: Strict({ zh: Type.String({ minLength: 1, maxLength: 60 }), en: Type.String({ minLength: 1, maxLength: 80 }) }),
  isolation: Strict({
    case: Type.Optional(IsolationRuleSchema),
    close_contact: Type.Optional(IsolationRuleSchema),
    returning_household: Type.Optional(IsolationRuleSchema),
    risk_area: Type.Optional(IsolationRuleSchema),
  }),
  release: Strict({ periodComplete: Type.Boolean(), allTestsNegative: Type.Boolean(), symptomFreeDays: Type.Integer({ minimum: 0, maximum: 60 }) }),
  contacts: Strict({ via: Type.Array(lit(CONTACT_VIAS), { maxItems: 7 }), lookbackDays: Type.Integer({ minimum: 0, maximum: 120 }), status: lit(['red', 'yellow']), statusDays: Type.Integer({ minimum: 0, maximum: 120 }) }),
  returnMinDaysFromOnset: Day,
  riskAreaTravel: Strict({ lockdownStatus: lit(['red', 'yellow']), controlledStatus: lit(['yellow', 'green']), lookbackDays: Type.Integer({ minimum: 0, maximum: 60 }) }),
  testing: Strict({ keyPositionsPerWeek: Type.Integer({ minimum: 0, maximum: 7 }) }),
});

export const DiseaseParams = Strict({ disease: DiseaseCode });
export const RegionQuery = Strict({ regionCode: Type.Optional(RegionCode) });

export const PolicyView = Type.Object({
  id: Type.Number(),
  disease: Type.String(),
  regionCode: Nullable(Type.String()),
  version: Type.Number(),
  rules: Type.Unknown(),
});

export const PolicyVersion = Type.Object({
  id: Type.Number(), regionCode: Nullable(Type.String()), regionName: Nullable(Type.String()), version: Type.Number(), note: Type.String(), createdAt: Type.String(), createdBy: Nullable(Type.String()),
});

export const SavePolicyBody = Strict({
  regionCode: RegionCode,
  rules: PolicyRulesSchema,
  note: Type.String({ minLength: 1, maxLength: 200 }),
});
