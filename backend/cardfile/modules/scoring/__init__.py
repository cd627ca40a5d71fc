"""Scoring: rules "event -> points" applied to every batch of timeline rows."""

from cardfile.modules.contacts import activity
from cardfile.modules.scoring.engine import score_rows

# Imported by load_all_models() (with models.py), so web processes and workers alike score.
activity.listen(score_rows)
