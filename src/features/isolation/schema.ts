import { Type } from 'typebox';
import { ISOLATION_ROLES } from '../../domain/policies/types';
import { DateString, Strict } from '../../http/schema';
import { DiseaseCode, lit, RegionCode } from '../policies/schema';

export const IsolationKindSchema = lit(['home', 'on_campus', 'site']);
export const CreateIsolationBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  disease: DiseaseCode,
  role: lit(ISOLATION_ROLES),
  kind: Type.Optional(IsolationKindSchema),
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  startsOn: DateString,
  caseId: Type.Optional(Type.Integer({ minimum: 1 })),
  contactId: Type.Optional(Type.Integer({ minimum: 1 })),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
  logistics: Type.Optional(Type.String({ maxLength: 500 })),
});
export const IsolateContactsBody = Strict({
  kind: Type.Optional(IsolationKindSchema),
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  startsOn: DateString,
  logistics: Type.Optional(Type.String({ maxLength: 500 })),
});
export const CheckinBody = Strict({
  day: DateString,
  temperature: Type.Optional(Type.Number({ minimum: 34, maximum: 43 })),
  symptoms: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 12 })),
  note: Type.Optional(Type.String({ maxLength: 300 })),
});
export const ReleaseBody = Strict({ overrideReason: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })) });
export const LogisticsBody = Strict({ logistics: Type.String({ maxLength: 500 }) });
export const IsolationListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  kind: Type.Optional(IsolationKindSchema),
  status: Type.Optional(lit(['active', 'released'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 200 })),
});
export const CountsQuery = Strict({ regionCode: Type.Optional(RegionCode) });
export const SiteBody = Strict({
  regionCode: RegionCode,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  address: Type.Optional(Type.String({ maxLength: 120 })),
  capacity: Type.Integer({ minimum: 0, maximum: 100000 }),
});
