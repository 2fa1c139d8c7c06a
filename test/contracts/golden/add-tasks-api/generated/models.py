"""Pydantic v2 models for change add-tasks-api.

Generated from the plan draft by parallel-plan; do not edit by hand.
Class names match the schema names in openapi/v1.yaml and the event schema titles.
"""
import datetime as _dt
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

__all__ = ["Problem", "Project", "Task", "TaskCreate", "TaskUpdate", "AssignTaskRequest"]


class Problem(BaseModel):
    "RFC 7807 problem details returned with application/problem+json."

    # Problem types may add members (RFC 7807 section 3.2), so extra keys are allowed.
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int = Field(ge=100, le=599)
    detail: str | None = None
    instance: str | None = None


class Project(BaseModel):
    "A group of tasks."

    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="Identifier assigned by the server.")
    name: str = Field(max_length=120)
    created_at: _dt.datetime


class Task(BaseModel):
    "Task record (table tasks)."

    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="Identifier assigned by the server.")
    project_id: UUID
    title: str = Field(max_length=200)
    status: Literal["open", "in_progress", "done"]
    due_date: _dt.date | None = None
    assignee_email: EmailStr | None = None
    priority: int
    created_at: _dt.datetime


class TaskCreate(BaseModel):
    "Fields sent to create a Task."

    model_config = ConfigDict(extra="forbid")

    project_id: UUID
    title: str = Field(max_length=200)
    status: Literal["open", "in_progress", "done"]
    due_date: _dt.date | None = None
    assignee_email: EmailStr | None = None
    priority: int
    created_at: _dt.datetime


class TaskUpdate(BaseModel):
    "Fields sent to update a Task."

    model_config = ConfigDict(extra="forbid")

    project_id: UUID | None = None
    title: str | None = Field(default=None, max_length=200)
    status: Literal["open", "in_progress", "done"] | None = None
    due_date: _dt.date | None = None
    assignee_email: EmailStr | None = None
    priority: int | None = None
    created_at: _dt.datetime | None = None


class AssignTaskRequest(BaseModel):
    "Request body of assignTask."

    model_config = ConfigDict(extra="forbid")

    assignee_email: EmailStr
    note: str | None = None
