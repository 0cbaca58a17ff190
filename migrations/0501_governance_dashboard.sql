-- Bureau dashboard speed (R31). Counting a city's 1.1 million students row by row took a second per
-- page load; the count per school is kept here instead, maintained by statement-level triggers on
-- persons (one upsert per school touched by a statement, so a roster import of a whole school adds one
-- row update, not thousands). The dashboard sums at most a few thousand rows.
create table school_student_counts (
  school_id  bigint primary key references schools (id),
  students   integer not null default 0
);

insert into school_student_counts (school_id, students)
select s.id, (select count(*) from persons p where p.school_id = s.id and p.kind = 'student' and p.active) from schools s;

create function school_student_counts_apply() returns trigger language plpgsql as $$
begin
  -- Only rows whose (school, kind, active) changed move a count; name or phone edits write nothing here.
  if tg_op = 'INSERT' then
    insert into school_student_counts (school_id, students)
      select school_id, count(*) from new_rows where kind = 'student' and active group by school_id order by school_id
      on conflict (school_id) do update set students = school_student_counts.students + excluded.students;
  elsif tg_op = 'DELETE' then
    insert into school_student_counts (school_id, students)
      select school_id, -count(*) from old_rows where kind = 'student' and active group by school_id order by school_id
      on conflict (school_id) do update set students = school_student_counts.students + excluded.students;
  else
    insert into school_student_counts (school_id, students)
      select school_id, sum(d) from (
        select o.school_id, -1 as d from old_rows o join new_rows n on n.id = o.id
          where o.kind = 'student' and o.active and not (n.kind = 'student' and n.active and n.school_id = o.school_id)
        union all
        select n.school_id, 1 as d from old_rows o join new_rows n on n.id = o.id
          where n.kind = 'student' and n.active and not (o.kind = 'student' and o.active and n.school_id = o.school_id)
      ) moved group by school_id having sum(d) <> 0 order by school_id
      on conflict (school_id) do update set students = school_student_counts.students + excluded.students;
  end if;
  return null;
end $$;

create trigger persons_student_counts_insert after insert on persons referencing new table as new_rows for each statement execute function school_student_counts_apply();
create trigger persons_student_counts_update after update on persons referencing old table as old_rows new table as new_rows for each statement execute function school_student_counts_apply();
create trigger persons_student_counts_delete after delete on persons referencing old table as old_rows for each statement execute function school_student_counts_apply();

-- Region filters go schools.region_code → region_closure; findings and inspections are counted per
-- school with a status or date condition, which these keep to index probes.
create index schools_region_id on schools (region_code, id);
create index findings_school_open on findings (school_id, deadline) where status <> 'closed';
create index self_reports_school_status on self_reports (school_id, status);
create index duty_shifts_force_time on duty_shifts (task_force_id, ends_at, starts_at);
