-- PostgreSQL schema for change add-tasks-api.
-- Generated from the plan draft by parallel-plan; do not edit by hand.
-- Tables are ordered so that referenced tables come first.

-- Project: A group of tasks.
CREATE TABLE projects (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT projects_pkey PRIMARY KEY (id),
  CONSTRAINT projects_name_key UNIQUE (name),
  CONSTRAINT projects_name_length_check CHECK (char_length(name) <= 120)
);

CREATE TABLE tasks (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  due_date date,
  assignee_email text,
  priority integer NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT tasks_pkey PRIMARY KEY (id),
  CONSTRAINT tasks_title_length_check CHECK (char_length(title) <= 200),
  CONSTRAINT tasks_status_check CHECK (status IN ('open', 'in_progress', 'done')),
  CONSTRAINT tasks_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id)
);
CREATE INDEX tasks_status_due_date_idx ON tasks (status, due_date);
CREATE INDEX tasks_project_id_idx ON tasks (project_id);
