import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';
import { lit, RegionCode } from '../policies/schema';

export const RiskColourSchema = lit(['green', 'yellow', 'red']);
export const RiskListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(lit(['yellow', 'red'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 200 })),
});
export const RiskRow = Type.Object({
  personId: Type.Number(), name: Type.String(), kind: Type.String(), schoolId: Type.Number(), className: Nullable(Type.String()), status: Type.String(), computedStatus: Type.String(),
  reasons: Type.Unknown(), overridden: Type.Boolean(), updatedAt: Type.String(),
});
export const OverrideBody = Strict({ status: RiskColourSchema, reason: Type.String({ minLength: 2, maxLength: 300 }) });
export const ClearOverrideBody = Strict({ reason: Type.String({ minLength: 2, maxLength: 300 }) });
export const RecomputeBody = Strict({ regionCode: Type.Optional(RegionCode), schoolId: Type.Optional(Type.Integer({ minimum: 1 })) });
export const RiskAreaBody = Strict({
  regionCode: RegionCode,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  level: lit(['lockdown', 'controlled']),
  startsOn: DateString,
  endsOn: Type.Optional(DateString),
});
export const EndRiskAreaBody = Strict({ endsOn: DateString });
export const TravelBody = Strict({
  regionCode: RegionCode,
  place: Type.String({ minLength: 1, maxLength: 100 }),
  fromDate: DateString,
  toDate: DateString,
  residence: Type.Optional(Type.Boolean()),
});
