import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

const Region = Type.String({ pattern: '^\\d{6}$' });
const Phone = Type.String({ minLength: 5, maxLength: 30 });

export const HospitalListQuery = Strict({ regionCode: Type.Optional(Region), kind: Type.Optional(Type.Union([Type.Literal('hospital'), Type.Literal('cdc'), Type.Literal('clinic')])) });

export const CreateHospitalBody = Strict({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  kind: Type.Union([Type.Literal('hospital'), Type.Literal('cdc'), Type.Literal('clinic')]),
  level: Type.Optional(Type.String({ maxLength: 20 })),
  regionCode: Region,
  address: Type.Optional(Type.String({ maxLength: 200 })),
  lng: Type.Number({ minimum: 73, maximum: 136 }),
  lat: Type.Number({ minimum: 3, maximum: 54 }),
  capacity: Type.Integer({ minimum: 0, maximum: 10_000 }),
  contacts: Type.Optional(Type.Array(Strict({ name: Type.String({ minLength: 1, maxLength: 40 }), title: Type.Optional(Type.String({ maxLength: 40 })), phone: Phone }), { maxItems: 20 })),
});

export const PairBody = Strict({
  hospitalId: Type.Integer({ minimum: 1 }),
  schoolContactName: Type.String({ minLength: 1, maxLength: 40 }),
  schoolContactPhone: Phone,
  hospitalContactId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Needed to pair beyond the hospital's capacity; recorded with the pairing. */
  overrideReason: Type.Optional(Type.String({ minLength: 4, maxLength: 500 })),
});

export const SchoolParams = Strict({ schoolId: Type.Integer({ minimum: 1 }) });
export const CoverageQuery = Strict({ regionCode: Type.Optional(Region) });
export const ProposalBody = Strict({ regionCode: Region, marginMeters: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) });

export const SchoolDoctorBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  phone: Phone,
  kind: Type.Union([Type.Literal('staff'), Type.Literal('contracted')]),
  hospitalId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const Coverage = Type.Object({
  regionCode: Type.String(),
  schools: Type.Number(),
  paired: Type.Number(),
  withDoctor: Type.Number(),
  unpaired: Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), regionCode: Type.String() })),
  overCapacity: Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), capacity: Type.Number(), load: Type.Number() })),
  hospitals: Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), kind: Type.String(), regionCode: Type.String(), capacity: Type.Number(), load: Type.Number(), contacts: Type.Number() })),
});

export const ProposalView = Type.Object({
  id: Type.Number(),
  regionCode: Type.String(),
  marginMeters: Type.Number(),
  totalMeters: Type.Number(),
  currentMeters: Nullable(Type.Number()),
  kept: Type.Number(),
  moved: Type.Number(),
  added: Type.Number(),
  certified: Type.Boolean(),
  skippedSchools: Type.Array(Type.Number()),
  pairs: Type.Array(Type.Object({ schoolId: Type.Number(), hospitalId: Type.Number(), distanceMeters: Type.Number(), change: Type.String(), previousHospitalId: Nullable(Type.Number()) })),
  appliedAt: Nullable(Type.String()),
});
