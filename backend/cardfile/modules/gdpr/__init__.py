"""GDPR: export and forget a person, disable tracking, the suppression list, the audit log."""

from cardfile.modules.contacts import activity
from cardfile.modules.gdpr.audit import audit_tracking

# Imported by load_all_models() (with models.py): a change of tracking_disabled is audited.
activity.listen(audit_tracking)
