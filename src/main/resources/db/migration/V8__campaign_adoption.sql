-- A campaign adopted mid-way (fromStage, issue 10): the stage it begins with, and the earlier stages
-- recorded as done without items. Such a stage never started in Duban, so it has no dates.
alter table campaign add column from_stage varchar(64) default 'preparation' not null;
alter table campaign_stage add column skipped_at_adoption boolean default false not null;
alter table campaign_stage alter column started_on drop not null;
alter table campaign_stage alter column ends_on drop not null;
