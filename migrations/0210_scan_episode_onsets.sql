-- The daily scan counts illness episodes opened per school and day (src/features/alerts/scan-streams.ts):
-- absence_episodes_school has status between school_id and opened_on, and absence_episodes_facts covers
-- only diagnosed or closed episodes, so neither serves a range of opened_on for all of a school's episodes.
create index absence_episodes_onset on absence_episodes (school_id, opened_on) where kind = 'illness';
