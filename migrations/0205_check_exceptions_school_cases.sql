-- The early-warning rules read a school's cases of the last three weeks on every drain (check-rules.ts):
-- the illness absences and symptomatic children only. Through the school-and-day index they also read
-- every absence for another reason (leave, often the most), each on a heap page of its own.
create index check_exceptions_school_cases on check_exceptions (school_id, check_date) where status in ('absent_ill', 'present_symptomatic');
