from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.tasks import service
from cardfile.modules.tasks.schemas import (
    TaskInSchema,
    TaskListArgs,
    TaskPageSchema,
    TaskPatchSchema,
    TaskSchema,
)

tasks_blp = WorkspaceBlueprint("tasks", __name__, description="Tasks on contacts; my tasks")


@tasks_blp.route("")
class Tasks(MethodView):
    @tasks_blp.arguments(TaskListArgs, location="query")
    @tasks_blp.response(200, TaskPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Tasks of the contacts I can see: ?assignee=me, ?status=open|overdue|done, ?contact_id="""
        return service.list_tasks(db(), principal(), args)

    @tasks_blp.arguments(TaskInSchema)
    @tasks_blp.response(201, TaskSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a task to a contact (assigned to me unless assignee_id says otherwise)"""
        return service.create_task(db(), principal(), data)


@tasks_blp.route("/<int:task_id>")
class TaskDetail(MethodView):
    @tasks_blp.response(200, TaskSchema)
    def get(self, task_id: int) -> Any:
        return service.get_task(db(), principal(), task_id)

    @tasks_blp.arguments(TaskPatchSchema)
    @tasks_blp.response(200, TaskSchema)
    def patch(self, data: dict[str, Any], task_id: int) -> Any:
        """Edit the title, due date or assignee; done: true ticks it off, false opens it again"""
        return service.update_task(db(), principal(), task_id, data)

    @tasks_blp.response(204)
    def delete(self, task_id: int) -> None:
        service.delete_task(db(), principal(), task_id)
