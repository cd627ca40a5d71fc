"""Tasks on a contact, and "my tasks" across the workspace. Only tasks of contacts the caller
may see are read (access/owned.py); each change writes a timeline activity on the contact."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session, aliased

from cardfile.access.owned import get_visible, only_visible
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.owners.people import check_members, contact_name
from cardfile.modules.tasks.models import Task

# The contact for its name: an alias, so the access rule's own EXISTS over contacts stays
# uncorrelated from this join.
_contact = aliased(Contact, name="task_contact")
SORTS = {"due_at": Task.due_at, "done_at": Task.done_at, "created_at": Task.created_at}


def _rows() -> Select[Any]:
    """Tasks with their contact's name and their assignee's (a task of a hidden contact is
    removed by only_visible, the one rule)."""
    return (
        select(Task, contact_name(_contact).label("contact_name"), User.name)
        .join(_contact, _contact.id == Task.contact_id)
        .outerjoin(User, User.id == Task.assignee_id)
    )


def _view(row: Row[Any], now: datetime) -> dict[str, Any]:
    task, contact_name_, assignee_name = row
    return {
        "id": task.id,
        "contact_id": task.contact_id,
        "contact_name": contact_name_,
        "title": task.title,
        "due_at": task.due_at,
        "assignee_id": task.assignee_id,
        "assignee_name": assignee_name,
        "done": task.done_at is not None,
        "done_at": task.done_at,
        "overdue": task.done_at is None and task.due_at is not None and task.due_at < now,
        "created_by_user_id": task.created_by_user_id,
        "actor_kind": task.actor_kind,
        "created_at": task.created_at,
        "updated_at": task.updated_at,
    }


def list_tasks(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    now = datetime.now(UTC)
    stmt = only_visible(_rows(), principal, Task)
    if args.get("contact_id") is not None:
        get_contact(session, principal, args["contact_id"])  # a hidden contact is a 404
        stmt = stmt.where(Task.contact_id == args["contact_id"])
    if assignee := args.get("assignee"):
        stmt = stmt.where(
            Task.assignee_id == (principal.user_id if assignee == "me" else int(assignee))
        )
    status = args.get("status")
    if status == "done":
        stmt = stmt.where(Task.done_at.is_not(None))
    elif status in ("open", "overdue"):
        stmt = stmt.where(Task.done_at.is_(None))
        if status == "overdue":
            stmt = stmt.where(Task.due_at < now)
    else:
        stmt = stmt.order_by(Task.done_at.is_not(None))  # all of them: open ones first
    default = "-done_at" if status == "done" else "due_at"
    page = paginate(session, stmt, args, SORTS, default, Task.id, scalars=False)
    page.items = [_view(row, now) for row in page.items]
    return page


def get_task(session: Session, principal: Principal, task_id: int) -> dict[str, Any]:
    session.flush()  # a change made in this transaction is part of the answer
    row = session.execute(only_visible(_rows().where(Task.id == task_id), principal, Task)).first()
    if row is None:
        raise NotFound("Task")
    return _view(row, datetime.now(UTC))


def _assignee(session: Session, principal: Principal, assignee_id: int | None) -> int | None:
    if assignee_id is not None and assignee_id != principal.user_id:
        check_members(session, principal.workspace_id, [assignee_id], "assignee_id")
    return assignee_id


def create_task(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    contact = get_contact(session, principal, data["contact_id"])
    actor = principal.actor
    task = Task(
        contact_id=contact.id,
        title=data["title"],
        due_at=data.get("due_at"),
        assignee_id=_assignee(session, principal, data.get("assignee_id", principal.user_id)),
        created_by_user_id=actor.user_id,
        actor_kind=actor.kind,
    )
    session.add(task)
    session.flush()
    activity.record(session, contact.id, "task_added", {"task": task.title}, actor)
    return get_task(session, principal, task.id)


def update_task(
    session: Session, principal: Principal, task_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    task: Task = get_visible(session, principal, Task, task_id)
    now = datetime.now(UTC)
    kinds: list[str] = []
    if "assignee_id" in data and data["assignee_id"] != task.assignee_id:
        task.assignee_id = _assignee(session, principal, data["assignee_id"])
        kinds.append("task_updated")
    for name in ("title", "due_at"):
        if name in data and data[name] != getattr(task, name):
            setattr(task, name, data[name])
            kinds.append("task_updated")
    if "done" in data and data["done"] != (task.done_at is not None):
        task.done_at = now if data["done"] else None
        kinds.append("task_done" if data["done"] else "task_reopened")
    if kinds:
        task.updated_at = now
        data = {"task": task.title}
        happened = [Happened(task.contact_id, kind, data) for kind in dict.fromkeys(kinds)]
        activity.record_rows(session, happened, principal.actor)
    return get_task(session, principal, task.id)


def delete_task(session: Session, principal: Principal, task_id: int) -> None:
    task: Task = get_visible(session, principal, Task, task_id)
    session.delete(task)
    activity.record(session, task.contact_id, "task_deleted", {"task": task.title}, principal.actor)
