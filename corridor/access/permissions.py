"""Every permission Corridor checks, by name. Roles map to them in ``access/roles.py`` only.

Modules add their constants here, next to the others, so that the whole policy can be
read on one page.
"""

from __future__ import annotations

# Administration of a state's own organisations, users and agreements.
MANAGE_USERS = "accounts.manage_users"
MANAGE_AGREEMENTS = "access.manage_agreements"
DRAFT_AGREEMENTS = "access.draft_agreements"
VIEW_AGREEMENTS = "access.view_agreements"
VIEW_ALL_AGREEMENTS = "access.view_all_agreements"

# Break-glass: time-limited emergency elevation inside one's own state.
REQUEST_BREAK_GLASS = "access.request_break_glass"
REVIEW_BREAK_GLASS = "access.review_break_glass"

# Audit trail of one's own state; "who accessed this record" pages.
VIEW_AUDIT = "audit.view_audit"
VIEW_RECORD_ACCESS = "audit.view_record_access"

# Machine-to-machine and personal API tokens.
USE_API = "accounts.use_api"

# Person records (the shared person kernel used by registration, protection and matching).
VIEW_PERSON = "people.view_person"
CHANGE_PERSON = "people.change_person"
EXPORT_PERSON = "people.export_person"
VIEW_PROTECTED = "people.view_protected"

# Regional data centre (statistics module).
SUBMIT_STATISTICS = "statistics.submit"
APPROVE_STATISTICS_NATIONAL = "statistics.approve_national"
ACCEPT_STATISTICS_REGIONAL = "statistics.accept_regional"
PUBLISH_STATISTICS = "statistics.publish"
MANAGE_STATISTICS_STRUCTURES = "statistics.manage_structures"
VIEW_STATISTICS_UNPUBLISHED = "statistics.view_unpublished"

# Guidance: corridor rules, pre-departure guides, country practice profiles.
EDIT_CORRIDOR_RULES = "guidance.edit_rules"
EDIT_GUIDES = "guidance.edit_guides"
EDIT_COUNTRY_PROFILE = "guidance.edit_country_profile"

# Consular registration of departing citizens.
VIEW_REGISTRATION = "registration.view"
CHANGE_REGISTRATION = "registration.change"
EXPORT_REGISTRATION = "registration.export"

# Ethical recruitment: agencies, licences, vacancies, fees, grievances.
MANAGE_RECRUITMENT = "recruitment.manage"
MANAGE_AGENCIES = "recruitment.manage_agencies"
VERIFY_VACANCIES = "recruitment.verify_vacancies"
HANDLE_GRIEVANCES = "recruitment.handle_grievances"
# An employer's own account posts and publishes its job orders (destination state verifies).
POST_JOB_ORDERS = "recruitment.post_job_orders"

# Cross-state messages (exchange): read the state's inbox and outbox; send, reply, withdraw.
VIEW_MESSAGES = "exchange.view_messages"
SEND_MESSAGES = "exchange.send_messages"

# Case kernel: the second person who approves crossing the protection gate despite open flags.
OVERRIDE_PROTECTION_GATE = "cases.override_protection_gate"
# Consent records of the state's persons (give, revoke).
MANAGE_CONSENT = "cases.manage_consent"

# Person matching: clerical review of candidate pairs.
REVIEW_MATCHES = "matching.review"

# Service register (HSDS): read the state's entries; a provider keeps its own organisation's
# entries; an authority keeps and imports any entry of its state and verifies entries.
VIEW_SERVICE_REGISTER = "services.view"
KEEP_OWN_SERVICES = "services.keep_own"
MANAGE_SERVICE_REGISTER = "services.manage"
VERIFY_SERVICES = "services.verify"

# Readmission between states: read the state's copies of cases; work them (submit, verify,
# decide, issue travel documents, schedule and record transfers).
VIEW_READMISSION = "readmission.view"
HANDLE_READMISSION = "readmission.handle"

ALL_PERMISSIONS: frozenset[str] = frozenset(
    value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, str)
)
