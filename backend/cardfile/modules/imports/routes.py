from __future__ import annotations

import shutil
from typing import Any

from flask import Response, jsonify
from flask.views import MethodView
from werkzeug.exceptions import RequestEntityTooLarge

from cardfile import config
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.uploads import receive_upload_to, send_stream, upload_body, upload_limit
from cardfile.errors import Invalid
from cardfile.files.storage import TooLarge, human_size
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.files.schemas import DOWNLOAD
from cardfile.modules.imports import service
from cardfile.modules.imports.schemas import (
    ImportListArgs,
    ImportMappingListSchema,
    ImportMappingSchema,
    ImportPageSchema,
    ImportPatchSchema,
    ImportReportSchema,
    ImportSchema,
)

imports_blp = WorkspaceBlueprint("imports", __name__, description="Imports of CSV and TXT files")
mappings_blp = WorkspaceBlueprint(
    "import_mappings", __name__, description="Import mappings saved to be used again"
)
MULTIPART_SLACK = 64 * 1024
UPLOAD_BODY = upload_body(
    "A CSV or TXT file of contacts, in any of the encodings and delimiters listed under "
    "PATCH. At most IMPORTS_MAX_BYTES (500 MB by default)."
)


def _limit() -> int:
    return config.current().imports_max_bytes


def _view(record: Any) -> dict[str, Any]:
    return service.view(db(), record)


@imports_blp.route("")
class Imports(MethodView):
    @imports_blp.arguments(ImportListArgs, location="query")
    @imports_blp.response(200, ImportPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Imports, newest first"""
        return service.list_imports(db(), principal(), args)

    @upload_limit(lambda: _limit() + MULTIPART_SLACK)
    @imports_blp.doc(requestBody=UPLOAD_BODY)
    @imports_blp.response(201, ImportSchema)
    @imports_blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self) -> Any:
        """Upload a CSV or TXT file (multipart field `file`): a draft import with the
        detected encoding, delimiter and header, the first 20 rows and a suggested mapping

        An empty, binary, header-only or malformed file, or one over IMPORTS_MAX_BYTES, is a
        422 on `file` and nothing is kept.
        """
        ws = principal().workspace_id
        storage, path = service.new_folder(ws)
        limit = _limit()
        try:
            filename, size = receive_upload_to(path / service.ORIGINAL, limit)
        except (TooLarge, RequestEntityTooLarge) as error:
            shutil.rmtree(path, ignore_errors=True)
            raise Invalid.field(
                "file", f"The file is larger than {human_size(limit)}: split it in parts."
            ) from error
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        return _view(service.create_import(db(), principal(), storage, filename, size))


@imports_blp.route("/<int:import_id>")
class ImportDetail(MethodView):
    @imports_blp.response(200, ImportSchema)
    def get(self, import_id: int) -> Any:
        """The import: status (draft, queued, running, finished, failed, cancelled),
        progress and choices"""
        return _view(service.get_import(db(), principal(), import_id))

    @imports_blp.arguments(ImportPatchSchema)
    @imports_blp.response(200, ImportSchema)
    def patch(self, data: dict[str, Any], import_id: int) -> Any:
        """Change a draft: the layout (encoding, delimiter, header: the preview is read
        again), the mapping, the options and the source questionnaire"""
        return _view(service.update_import(db(), principal(), import_id, data))

    @imports_blp.response(204)
    def delete(self, import_id: int) -> None:
        """Delete the import's file and report (the contacts it imported stay)"""
        service.delete_import(db(), principal(), import_id)


@imports_blp.route("/<int:import_id>/start", methods=["POST"])
@imports_blp.response(202, JobAcceptedSchema)
def start(import_id: int) -> Any:
    """Start the import as a job on the `imports` queue (GET the import for its progress)"""
    job = service.start_import(db(), principal(), import_id)
    accepted = jsonify(JobAcceptedSchema().dump({"job_id": job.id}))
    accepted.status_code = 202
    return accepted


@imports_blp.route("/<int:import_id>/cancel", methods=["POST"])
@imports_blp.response(200, ImportSchema)
def cancel(import_id: int) -> Any:
    """Cancel a queued or running import (the batches done stay imported)"""
    return _view(service.cancel_import(db(), principal(), import_id))


@imports_blp.route("/<int:import_id>/report")
@imports_blp.response(200, ImportReportSchema)
def report(import_id: int) -> Any:
    """Counts per outcome: created, updated, unchanged, duplicate_in_file, rejected and
    flagged by reason"""
    return service.report(db(), principal(), import_id)


@imports_blp.route("/<int:import_id>/rejected.csv")
@imports_blp.response(200, DOWNLOAD, content_type="text/csv", description="CSV, UTF-8 with BOM")
def rejected(import_id: int) -> Response:
    """The rows not imported: the row number in the file (the header is row 1), the
    original values, the reason and its detail"""
    record = service.get_import(db(), principal(), import_id)
    stem = record.filename.rsplit(".", 1)[0] or "import"
    chunks = service.rejected_rows_csv(db(), principal(), import_id)
    return send_stream(chunks, f"{stem}-rejected.csv", "text/csv; charset=utf-8")


@mappings_blp.route("")
class ImportMappings(MethodView):
    @mappings_blp.response(200, ImportMappingListSchema)
    def get(self) -> Any:
        """Saved mappings, by name"""
        return {"items": service.list_mappings(db())}

    @mappings_blp.arguments(ImportMappingSchema)
    @mappings_blp.response(201, ImportMappingSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Save a mapping to use again (409 if the name is taken)"""
        return service.save_mapping(db(), principal(), data)


@mappings_blp.route("/<int:mapping_id>")
class ImportMappingDetail(MethodView):
    @mappings_blp.response(204)
    def delete(self, mapping_id: int) -> None:
        """Delete a saved mapping"""
        service.delete_mapping(db(), mapping_id)
