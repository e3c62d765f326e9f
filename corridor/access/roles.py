"""Roles and the permissions they carry: the one place where this is decided."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as p

SECRETARIAT = "secretariat"
NATIONAL_ADMIN = "national_admin"
MIGRATION_OFFICER = "migration_officer"
CONSULAR_OFFICER = "consular_officer"
LABOUR_OFFICER = "labour_officer"
STATISTICIAN = "statistician"
LAW_ENFORCEMENT = "law_enforcement"
SERVICE_PROVIDER = "service_provider"
AUDITOR = "auditor"
EMPLOYER = "employer"

ROLE_LABELS = {
    SECRETARIAT: _("Regional secretariat"),
    NATIONAL_ADMIN: _("National administrator"),
    MIGRATION_OFFICER: _("Migration officer"),
    CONSULAR_OFFICER: _("Consular officer"),
    LABOUR_OFFICER: _("Labour officer"),
    STATISTICIAN: _("Statistician"),
    LAW_ENFORCEMENT: _("Law-enforcement officer"),
    SERVICE_PROVIDER: _("Service provider"),
    AUDITOR: _("Auditor"),
    EMPLOYER: _("Employer"),
}

_OFFICER_COMMON = {p.VIEW_AGREEMENTS, p.USE_API, p.REQUEST_BREAK_GLASS}
# Officers who work cases with other states and organisations exchange messages.
_MESSAGES = {p.VIEW_MESSAGES, p.SEND_MESSAGES}
# The authority of a state over its service register: keep, import and verify entries.
_SERVICE_AUTHORITY = {p.VIEW_SERVICE_REGISTER, p.MANAGE_SERVICE_REGISTER, p.VERIFY_SERVICES}
# Competent authorities for readmission: migration services and consulates work the cases.
_READMISSION = {p.VIEW_READMISSION, p.HANDLE_READMISSION}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    SECRETARIAT: frozenset(
        {
            p.VIEW_ALL_AGREEMENTS,
            p.VIEW_AGREEMENTS,
            p.DRAFT_AGREEMENTS,
            p.ACCEPT_STATISTICS_REGIONAL,
            p.PUBLISH_STATISTICS,
            p.MANAGE_STATISTICS_STRUCTURES,
            p.USE_API,
        }
    ),
    NATIONAL_ADMIN: frozenset(
        {
            p.MANAGE_USERS,
            p.MANAGE_AGREEMENTS,
            p.DRAFT_AGREEMENTS,
            p.VIEW_AGREEMENTS,
            p.REVIEW_BREAK_GLASS,
            p.VIEW_AUDIT,
            p.VIEW_RECORD_ACCESS,
            p.EDIT_COUNTRY_PROFILE,
            p.USE_API,
            p.OVERRIDE_PROTECTION_GATE,
        }
        | _SERVICE_AUTHORITY
    ),
    MIGRATION_OFFICER: frozenset(
        _OFFICER_COMMON
        | {p.VIEW_PERSON, p.CHANGE_PERSON, p.EXPORT_PERSON, p.VIEW_RECORD_ACCESS, p.EDIT_CORRIDOR_RULES}
        | {p.REVIEW_MATCHES, p.MANAGE_CONSENT}
        | _MESSAGES
        | _SERVICE_AUTHORITY
        | _READMISSION
    ),
    CONSULAR_OFFICER: frozenset(
        _OFFICER_COMMON
        | {p.VIEW_PERSON, p.CHANGE_PERSON, p.EXPORT_PERSON, p.VIEW_RECORD_ACCESS}
        | {p.VIEW_REGISTRATION, p.CHANGE_REGISTRATION, p.EXPORT_REGISTRATION, p.EDIT_GUIDES}
        | {p.HANDLE_GRIEVANCES, p.REVIEW_MATCHES, p.MANAGE_CONSENT}
        | _MESSAGES
        | {p.VIEW_SERVICE_REGISTER}
        | _READMISSION
    ),
    LABOUR_OFFICER: frozenset(
        _OFFICER_COMMON
        | {p.EDIT_CORRIDOR_RULES, p.EDIT_GUIDES, p.EDIT_COUNTRY_PROFILE}
        | {p.MANAGE_RECRUITMENT, p.MANAGE_AGENCIES, p.VERIFY_VACANCIES, p.HANDLE_GRIEVANCES}
        | _MESSAGES
    ),
    STATISTICIAN: frozenset(
        {
            p.VIEW_AGREEMENTS,
            p.USE_API,
            p.SUBMIT_STATISTICS,
            p.APPROVE_STATISTICS_NATIONAL,
            p.VIEW_STATISTICS_UNPUBLISHED,
        }
    ),
    LAW_ENFORCEMENT: frozenset(
        _OFFICER_COMMON
        | {p.VIEW_PERSON, p.CHANGE_PERSON, p.VIEW_PROTECTED, p.VIEW_RECORD_ACCESS, p.VIEW_READMISSION}
        | _MESSAGES
    ),
    SERVICE_PROVIDER: frozenset(
        {p.USE_API, p.HANDLE_GRIEVANCES, p.VIEW_SERVICE_REGISTER, p.KEEP_OWN_SERVICES} | _MESSAGES
    ),
    AUDITOR: frozenset(
        {p.VIEW_AUDIT, p.VIEW_RECORD_ACCESS, p.REVIEW_BREAK_GLASS, p.VIEW_AGREEMENTS, p.USE_API}
    ),
    # A business, not an officer: no agreements, no break-glass; only its own job orders.
    EMPLOYER: frozenset({p.USE_API, p.POST_JOB_ORDERS}),
}

ALL_ROLES: tuple[str, ...] = tuple(ROLE_PERMISSIONS)

# Only these may be granted by break-glass, and only inside the actor's own state.
BREAK_GLASS_PERMISSIONS: frozenset[str] = frozenset({p.VIEW_PROTECTED})

# Roles whose holders are staff and must use a second factor.
STAFF_ROLES: frozenset[str] = frozenset(ALL_ROLES)


def permissions_for(roles: frozenset[str] | set[str] | list[str]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)
