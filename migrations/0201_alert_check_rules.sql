-- Early-warning rules evaluated with each group commit of class checks (src/features/alerts/check-rules.ts).
-- A person's illness episodes, for linking them to an alert (alert_episodes): the only other index on
-- person_id covers open episodes, so closed ones were found by scanning the table.
create index absence_episodes_person on absence_episodes (person_id, opened_on);
-- The few episodes a case takes a diagnosis or a return day from, per school: diagnosed or closed ones.
create index absence_episodes_facts on absence_episodes (school_id, opened_on) where diagnosis_code is not null or status = 'closed';
