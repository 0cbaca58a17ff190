import { sql } from 'kysely';
import { Type } from 'typebox';
import { inTransaction } from '../../db/transaction';
import { regionInScope } from '../../db/scope';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { listSchools, schoolDetail } from './queries';
import { CreateClassBody, CreateDormBody, CreateGradeBody, CreateSchoolBody, SchoolDetail, SchoolListQuery, SchoolSummary } from './schema';

const Created = Type.Object({ id: Type.Number() });

export function registerSchoolRoutes(app: App, ctx: AppContext) {
  const tags = ['schools'];

  app.get('/api/schools', { config: { access: 'structure.read' }, schema: { tags, querystring: SchoolListQuery, response: { 200: Type.Object({ items: Type.Array(SchoolSummary), total: Type.Number() }) } } }, (req) =>
    listSchools(ctx, req.actor!.scope, req.query),
  );

  app.get('/api/schools/:id', { config: { access: 'structure.read' }, schema: { tags, params: IdParams, response: { 200: SchoolDetail } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.params.id);
    const detail = await schoolDetail(ctx, req.params.id, req.actor!.scope);
    const canEdit = can(req.actor, 'structure.write') && req.actor!.scope.kind !== 'class';
    return { ...detail, can: { edit: canEdit, importRoster: can(req.actor, 'roster.import') } };
  });

  app.post('/api/schools', { config: { access: 'structure.write' }, schema: { tags, body: CreateSchoolBody, response: { 200: Created } } }, async (req) => {
    const actor = req.actor!;
    const b = req.body;
    const region = await ctx.db
      .selectFrom('regions')
      .select(['level', sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')])
      .where('code', '=', b.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('school.region_unknown', 400, { field: 'regionCode' });
    if (region.level !== 'county') throw new AppError('school.region_not_county', 400, { field: 'regionCode' });
    if (!region.allowed) throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
    return inTransaction(ctx.db, async (trx) => {
      const dup = await trx.selectFrom('schools').select('id').where('code', '=', b.code).executeTakeFirst();
      if (dup) throw new AppError('school.code_taken', 409, { field: 'code' });
      const row = await trx
        .insertInto('schools')
        .values({ code: b.code, name: b.name, region_code: b.regionCode, type: b.type, boarding: b.boarding ?? false, address: b.address ?? '', lng: b.lng ?? null, lat: b.lat ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'school.create', objectType: 'school', objectId: row.id, ip: req.ip });
      return row;
    });
  });

  app.post('/api/schools/:id/grades', { config: { access: 'structure.write' }, schema: { tags, params: IdParams, body: CreateGradeBody, response: { 200: Created } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.params.id);
    return inTransaction(ctx.db, async (trx) => {
      const dup = await trx.selectFrom('grades').select('id').where('school_id', '=', req.params.id).where('name', '=', req.body.name).executeTakeFirst();
      if (dup) throw new AppError('school.grade_exists', 409, { field: 'name' });
      const row = await trx.insertInto('grades').values({ school_id: req.params.id, name: req.body.name, entry_year: req.body.entryYear }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, req.actor, { action: 'grade.create', objectType: 'grade', objectId: row.id, ip: req.ip });
      return row;
    });
  });

  app.post('/api/schools/:id/classes', { config: { access: 'structure.write' }, schema: { tags, params: IdParams, body: CreateClassBody, response: { 200: Created } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.params.id);
    return inTransaction(ctx.db, async (trx) => {
      const grade = await trx.selectFrom('grades').select('id').where('id', '=', req.body.gradeId).where('school_id', '=', req.params.id).executeTakeFirst();
      if (!grade) throw new AppError('school.grade_unknown', 400, { field: 'gradeId' });
      const dup = await trx.selectFrom('classes').select('id').where('grade_id', '=', grade.id).where('name', '=', req.body.name).executeTakeFirst();
      if (dup) throw new AppError('school.class_exists', 409, { field: 'name' });
      const row = await trx.insertInto('classes').values({ school_id: req.params.id, grade_id: grade.id, name: req.body.name }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, req.actor, { action: 'class.create', objectType: 'class', objectId: row.id, ip: req.ip });
      return row;
    });
  });

  app.post('/api/schools/:id/dorms', { config: { access: 'structure.write' }, schema: { tags, params: IdParams, body: CreateDormBody, response: { 200: Created } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.params.id);
    return inTransaction(ctx.db, async (trx) => {
      const dup = await trx.selectFrom('dorms').select('id').where('school_id', '=', req.params.id).where('building', '=', req.body.building).where('room', '=', req.body.room).executeTakeFirst();
      if (dup) throw new AppError('school.dorm_exists', 409, { field: 'room' });
      const row = await trx
        .insertInto('dorms')
        .values({ school_id: req.params.id, building: req.body.building, room: req.body.room, capacity: req.body.capacity, gender: req.body.gender ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, req.actor, { action: 'dorm.create', objectType: 'dorm', objectId: row.id, ip: req.ip });
      return row;
    });
  });
}
