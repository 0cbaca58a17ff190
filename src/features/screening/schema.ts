import { Type } from 'typebox';
import { DateString, Strict } from '../../http/schema';
import { lit, RegionCode } from '../policies/schema';

export const CampaignBody = Strict({
  regionCode: RegionCode,
  name: Type.String({ minLength: 2, maxLength: 80 }),
  population: Type.Array(lit(['student', 'staff', 'co_resident']), { minItems: 1, maxItems: 3, uniqueItems: true }),
  filters: Type.Optional(Strict({ schoolIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })), keyPositionsOnly: Type.Optional(Type.Boolean()) })),
  questions: Strict({
    travel: Type.Boolean(),
    riskAreaResidence: Type.Boolean(),
    occupation: Type.Boolean(),
    symptoms: Type.Boolean(),
    /** The period the travel question asks about (e.g. the May Day holiday). */
    travelFrom: Type.Optional(DateString),
    travelTo: Type.Optional(DateString),
  }),
  deadline: DateString,
  status: Type.Optional(lit(['open', 'template'])),
});
export const Stay = Strict({ regionCode: RegionCode, place: Type.String({ minLength: 1, maxLength: 100 }), fromDate: DateString, toDate: DateString });
export const AnswerFields = Strict({
  returned: Type.Boolean(),
  travel: Type.Array(Stay, { maxItems: 10 }),
  riskAreaResidence: Type.Boolean(),
  residenceRegionCode: Type.Optional(RegionCode),
  residencePlace: Type.Optional(Type.String({ maxLength: 100 })),
  occupation: Type.Optional(Type.String({ maxLength: 60 })),
  symptoms: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 12 }),
});
export const AnswerBody = Strict({ personId: Type.Integer({ minimum: 1 }), answers: AnswerFields });
export const CoverageQuery = Strict({ level: Type.Optional(lit(['region', 'school', 'class'])), schoolId: Type.Optional(Type.Integer({ minimum: 1 })) });
export const LinksQuery = Strict({ classId: Type.Integer({ minimum: 1 }) });
export const TokenParams = Strict({ token: Type.String({ minLength: 10, maxLength: 200 }) });
const Loose = Type.Object({}, { additionalProperties: true });
export const ItemsResponse = Type.Object({ items: Type.Array(Loose) });
export { Loose };
