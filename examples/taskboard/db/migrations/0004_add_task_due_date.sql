-- Due dates drive the due-soon reminders.
ALTER TABLE tasks ADD COLUMN due_date TIMESTAMPTZ;
CREATE INDEX tasks_due_date_idx ON tasks (due_date) WHERE due_date IS NOT NULL;
