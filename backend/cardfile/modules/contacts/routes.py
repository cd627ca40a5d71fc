from __future__ import annotations

from typing import Any

from flask.views import MethodView
from marshmallow import Schema

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.fields import Id
from cardfile.api.read_cache import cached_read
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.contacts import activity, custom_fields, jobs, service, tags
from cardfile.modules.contacts.schemas import (
    ActivityListArgs,
    ActivityPageSchema,
    BulkTagSchema,
    ContactInSchema,
    ContactListArgs,
    ContactPageSchema,
    ContactPatchSchema,
    ContactSchema,
    ContactTagInSchema,
    ContactTagListSchema,
    ContactTagSchema,
    CustomFieldInSchema,
    CustomFieldListArgs,
    CustomFieldPageSchema,
    CustomFieldPatchSchema,
    CustomFieldSchema,
    HistogramArgs,
    HistogramSchema,
    TagCloudSchema,
    TagInSchema,
    TagListArgs,
    TagPageSchema,
    TagPatchSchema,
    TagSchema,
    TimelineArgs,
    TimelineSchema,
    TrashListArgs,
    TrashPageSchema,
)

contacts_blp = WorkspaceBlueprint("contacts", __name__, description="Contacts")
tags_blp = WorkspaceBlueprint("tags", __name__, description="Tags")
fields_blp = WorkspaceBlueprint("custom_fields", __name__, description="Custom field definitions")


@contacts_blp.route("")
class Contacts(MethodView):
    @contacts_blp.arguments(ContactListArgs, location="query")
    @cached_read
    @contacts_blp.response(200, ContactPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Contacts I may see: search, filter by tag and class, sort, paginate"""
        return service.list_contacts(db(), principal(), args)

    @contacts_blp.arguments(ContactInSchema)
    @contacts_blp.response(201, ContactSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a contact (email or phone required; email unique, 409 names the existing id)"""
        return service.create_contact(db(), principal(), data)


@contacts_blp.route("/trash")
@contacts_blp.arguments(TrashListArgs, location="query")
@contacts_blp.response(200, TrashPageSchema)
def trash(args: dict[str, Any]) -> Any:
    """Deleted contacts (admins), newest deletion first; restore with POST …/{id}/restore"""
    return service.list_trash(db(), principal(), args)


@contacts_blp.route("/<int:contact_id>")
class ContactDetail(MethodView):
    # Not @cached_read: one indexed row costs PostgreSQL about what a Redis lookup costs.
    @contacts_blp.response(200, ContactSchema)
    def get(self, contact_id: int) -> Any:
        return service.contact_detail(db(), principal(), contact_id)

    @contacts_blp.arguments(ContactPatchSchema(partial=True))
    @contacts_blp.response(200, ContactSchema)
    def patch(self, data: dict[str, Any], contact_id: int) -> Any:
        """Change some fields; `custom` merges (null removes a value); `tags` replaces"""
        return service.update_contact(db(), principal(), contact_id, data)

    @contacts_blp.response(204)
    def delete(self, contact_id: int) -> None:
        """Delete (restorable for 30 days with POST .../restore)"""
        service.delete_contact(db(), principal(), contact_id)


@contacts_blp.route("/<int:contact_id>/restore", methods=["POST"])
@contacts_blp.response(200, ContactSchema)
def restore_contact(contact_id: int) -> Any:
    """Undo a delete"""
    return service.restore_contact(db(), principal(), contact_id)


@contacts_blp.route("/<int:contact_id>/tags/<string:tag_name>")
class ContactTag(MethodView):
    @contacts_blp.response(200, ContactSchema)
    def put(self, contact_id: int, tag_name: str) -> Any:
        """Add one tag (created if new)"""
        return service.change_tag(db(), principal(), contact_id, tag_name, add=True)

    @contacts_blp.response(200, ContactSchema)
    def delete(self, contact_id: int, tag_name: str) -> Any:
        """Remove one tag"""
        return service.change_tag(db(), principal(), contact_id, tag_name, add=False)


@contacts_blp.route("/<int:contact_id>/activities")
@contacts_blp.arguments(ActivityListArgs, location="query")
@contacts_blp.response(200, ActivityPageSchema)
def contact_activities(args: dict[str, Any], contact_id: int) -> Any:
    """The contact's activity log, newest first"""
    service.get_contact(db(), principal(), contact_id)
    return activity.list_activities(db(), contact_id, args)


@contacts_blp.route("/<int:contact_id>/activity")
@contacts_blp.arguments(TimelineArgs, location="query")
@contacts_blp.response(200, TimelineSchema)
def contact_timeline(args: dict[str, Any], contact_id: int) -> Any:
    """The timeline, newest first, one kind or several (`type`), in keyset pages: pass the
    answer's `next` as `before` for the older page"""
    service.get_contact(db(), principal(), contact_id)
    kinds = activity.parse_kinds(args.get("type"))
    return activity.timeline(db(), contact_id, kinds, args.get("before"), args["limit"])


@contacts_blp.route("/<int:contact_id>/activity/histogram")
@contacts_blp.arguments(HistogramArgs, location="query")
@contacts_blp.response(200, HistogramSchema)
def contact_activity_histogram(args: dict[str, Any], contact_id: int) -> Any:
    """How the contact's activity spreads over the hours of the day or the days of the week,
    in the time zone `tz` (the viewer's)"""
    service.get_contact(db(), principal(), contact_id)
    kinds = activity.parse_kinds(args.get("type"))
    return activity.histogram(db(), contact_id, args["by"], args["tz"], kinds)


@contacts_blp.route("/<int:contact_id>/tags")
class ContactTags(MethodView):
    @contacts_blp.response(200, ContactTagListSchema)
    def get(self, contact_id: int) -> Any:
        """The contact's tags with their expiry"""
        service.get_contact(db(), principal(), contact_id)
        return {"items": tags.contact_tags(db(), contact_id)}

    @contacts_blp.arguments(ContactTagInSchema)
    @contacts_blp.response(201, ContactTagSchema)
    @contacts_blp.alt_response(200, schema=ContactTagSchema, description="Already on it")
    def post(self, data: dict[str, Any], contact_id: int) -> Any:
        """Tag the contact (the tag is created if new), optionally until `expires_at`; a tag
        it already has keeps it and takes the new expiry (200)"""
        service.get_contact(db(), principal(), contact_id)
        tag, new = tags.add_contact_tag(
            db(), contact_id, data["name"], data.get("expires_at"), principal().actor
        )
        return tag, 201 if new else 200


@contacts_blp.route("/<int:contact_id>/tags/<int:tag_id>", methods=["DELETE"])
@contacts_blp.response(204)
def untag_contact(contact_id: int, tag_id: int) -> None:
    """Take one tag off the contact (by the tag's id)"""
    service.get_contact(db(), principal(), contact_id)
    tags.remove_contact_tag(db(), contact_id, tag_id, principal().actor)


@contacts_blp.route("/bulk-tag", methods=["POST"])
@contacts_blp.arguments(BulkTagSchema)
@contacts_blp.response(202, JobAcceptedSchema)
def bulk_tag(data: dict[str, Any]) -> Any:
    """Add or remove a tag on every contact matching the filters, as a background job"""
    return {"job_id": jobs.start_bulk_tag(db(), principal(), data).id}


@tags_blp.route("")
class Tags(MethodView):
    @tags_blp.arguments(TagListArgs, location="query")
    @tags_blp.response(200, TagPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Tags, with how many contacts I can see carry each"""
        return tags.list_tags(db(), principal(), args)

    @tags_blp.arguments(TagInSchema)
    @tags_blp.response(201, TagSchema)
    def post(self, data: dict[str, Any]) -> Any:
        return tags.create_tag(db(), principal(), data)


@tags_blp.route("/cloud")
@cached_read
@tags_blp.response(200, TagCloudSchema)
def tag_cloud() -> Any:
    """The 100 most used tags, counted over the contacts I may see"""
    return {"items": tags.tag_cloud(db(), principal())}


@tags_blp.route("/<int:tag_id>")
class TagDetail(MethodView):
    @tags_blp.response(200, TagSchema)
    def get(self, tag_id: int) -> Any:
        return tags.get_tag(db(), principal(), tag_id)

    @tags_blp.arguments(TagPatchSchema)
    @tags_blp.response(200, TagSchema)
    def patch(self, data: dict[str, Any], tag_id: int) -> Any:
        """Rename or recolor a tag (admins: it changes contacts others see)"""
        return tags.update_tag(db(), principal(), tag_id, data)

    @tags_blp.response(204)
    def delete(self, tag_id: int) -> None:
        tags.delete_tag(db(), tag_id)


class TagMergeSchema(Schema):
    into_id = Id(required=True, metadata={"description": "The tag that stays"})


@tags_blp.route("/<int:tag_id>/merge", methods=["POST"])
@tags_blp.arguments(TagMergeSchema)
@tags_blp.response(200, TagSchema)
def merge_tag(data: dict[str, Any], tag_id: int) -> Any:
    """Merge this tag into `into_id` (admins): its contacts get that tag, this one is deleted;
    answers the surviving tag with its new count"""
    return tags.merge_tags(db(), principal(), tag_id, data["into_id"])


@fields_blp.route("")
class CustomFields(MethodView):
    @fields_blp.arguments(CustomFieldListArgs, location="query")
    @fields_blp.response(200, CustomFieldPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return custom_fields.list_fields(db(), args)

    @fields_blp.arguments(CustomFieldInSchema)
    @fields_blp.response(201, CustomFieldSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Define a field: text, number, date, boolean, choice or multi_choice"""
        return custom_fields.create_field(db(), data)


@fields_blp.route("/<int:field_id>")
class CustomFieldDetail(MethodView):
    @fields_blp.response(200, CustomFieldSchema)
    def get(self, field_id: int) -> Any:
        return custom_fields.get_field(db(), field_id)

    @fields_blp.arguments(CustomFieldPatchSchema)
    @fields_blp.response(200, CustomFieldSchema)
    def patch(self, data: dict[str, Any], field_id: int) -> Any:
        """Change label, choices or position (key and type stay)"""
        return custom_fields.update_field(db(), field_id, data)

    @fields_blp.response(204)
    def delete(self, field_id: int) -> None:
        """Delete a field and its values on every contact"""
        custom_fields.delete_field(db(), field_id, principal().user_id)
