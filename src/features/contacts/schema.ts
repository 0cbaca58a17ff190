import { Type } from 'typebox';
import { CONTACT_VIAS } from '../../domain/policies/types';
import { DateString, Nullable, Strict } from '../../http/schema';
import { lit } from '../policies/schema';

export const ContactRow = Type.Object({
  id: Type.Number(), caseId: Type.Number(), personId: Type.Number(), personName: Type.String(), personKind: Type.String(), className: Nullable(Type.String()),
  via: Type.Array(Type.String()), exposureFrom: Type.String(), exposureTo: Type.String(), status: Type.String(), sourceContactId: Nullable(Type.Number()), note: Type.String(),
  riskStatus: Type.String(), isolationId: Nullable(Type.Number()),
});
// `withheld`: how many contacts of the case are outside the caller's scope (left out of `items`, never named).
export const ContactList = Type.Object({ items: Type.Array(ContactRow), withheld: Type.Optional(Type.Number()), proposed: Type.Optional(Type.Number()), policyVersion: Type.Optional(Type.Number()) });

export const DecideContactBody = Strict({ decision: lit(['confirmed', 'dismissed']), note: Type.Optional(Type.String({ maxLength: 300 })) });
export const DecideManyBody = Strict({ contactIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }), decision: lit(['confirmed', 'dismissed']) });
export const AddContactBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  exposureFrom: DateString,
  exposureTo: DateString,
  note: Type.String({ minLength: 1, maxLength: 300 }),
});

export const ExposureGroupBody = Strict({
  kind: lit(['dining', 'bus', 'arrival']),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  personIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 }),
});
export const ClassTeachersBody = Strict({ personIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 }) });
export const ViaSchema = lit(CONTACT_VIAS);
