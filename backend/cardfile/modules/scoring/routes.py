from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.scoring import service
from cardfile.modules.scoring.schemas import (
    ScoreHistoryListArgs,
    ScoreHistoryPageSchema,
    ScoringRuleInSchema,
    ScoringRuleListArgs,
    ScoringRulePageSchema,
    ScoringRulePatchSchema,
    ScoringRuleSchema,
    ScoringSettingsSchema,
)

rules_blp = WorkspaceBlueprint(
    "scoring_rules", __name__, description="Scoring rules: event -> points (admins write)"
)
settings_blp = WorkspaceBlueprint(
    "scoring_settings", __name__, description="Scoring settings: the decay per 30 days"
)
history_blp = WorkspaceBlueprint(
    "score_history", __name__, description="A contact's score changes, newest first"
)


@rules_blp.route("")
class ScoringRules(MethodView):
    @rules_blp.arguments(ScoringRuleListArgs, location="query")
    @rules_blp.response(200, ScoringRulePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_rules(db(), args)

    @rules_blp.arguments(ScoringRuleInSchema)
    @rules_blp.response(201, ScoringRuleSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a rule; it scores events from now on"""
        return service.create_rule(db(), data)


@rules_blp.route("/<int:rule_id>")
class ScoringRuleDetail(MethodView):
    @rules_blp.response(200, ScoringRuleSchema)
    def get(self, rule_id: int) -> Any:
        return service.get_rule(db(), rule_id)

    @rules_blp.arguments(ScoringRulePatchSchema)
    @rules_blp.response(200, ScoringRuleSchema)
    def patch(self, data: dict[str, Any], rule_id: int) -> Any:
        return service.update_rule(db(), rule_id, data)

    @rules_blp.response(204)
    def delete(self, rule_id: int) -> None:
        """Delete a rule (scores it gave stay; their history keeps the reason)"""
        service.delete_rule(db(), rule_id)


@settings_blp.route("")
class ScoringSettings(MethodView):
    @settings_blp.response(200, ScoringSettingsSchema)
    def get(self) -> Any:
        return service.get_settings(db())

    @settings_blp.arguments(ScoringSettingsSchema)
    @settings_blp.response(200, ScoringSettingsSchema)
    def put(self, data: dict[str, Any]) -> Any:
        return service.put_settings(db(), data)


@history_blp.route("")
class ScoreHistory(MethodView):
    @history_blp.arguments(ScoreHistoryListArgs, location="query")
    @history_blp.response(200, ScoreHistoryPageSchema)
    def get(self, args: dict[str, Any], contact_id: int) -> Any:
        """The contact's score changes, newest first, with their reasons"""
        return service.list_history(db(), principal(), contact_id, args)
