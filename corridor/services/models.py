"""The service register on Open Referral HSDS 3.1: organisations, services, locations.

Every entry belongs to one state (``StateOwnedModel``): the state of the organisation
that provides the service. Field names follow HSDS so that import, export and the read
API map one to one; the few Corridor additions (capacity, crisis spare capacity, the
verifying user) are listed in ``hsds.EXTENSIONS``. ``uuid`` is the HSDS ``id``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.core.models import PublicIdModel


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")
    DEFUNCT = "defunct", _("defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("physical")
    POSTAL = "postal", _("postal")
    VIRTUAL = "virtual", _("virtual")


class PhoneType(models.TextChoices):
    TEXT = "text", _("text messages")
    VOICE = "voice", _("voice")
    FAX = "fax", _("fax")
    CELL = "cell", _("mobile")
    VIDEO = "video", _("video")
    PAGER = "pager", _("pager")
    TEXTPHONE = "textphone", _("textphone")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("weekly")
    MONTHLY = "MONTHLY", _("monthly")


class Need(PublicIdModel):
    """A term of the needs taxonomy (HSDS ``taxonomy_term``): shelter, legal aid, …

    Terms are data. ``name`` is the English source; pages show it through the catalogue,
    so the seeded terms are translated like any other string and imported terms that no
    catalogue knows are shown as written.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taxonomy = models.CharField(_("taxonomy"), max_length=60, default="corridor-needs")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return gettext(self.name) if self.name else self.code


class RegisterEntry(StateOwnedModel):
    """Common to every register table: readable by the state's register staff."""

    view_permission: ClassVar[str] = perms.VIEW_SERVICE_REGISTER

    class Meta:
        abstract = True


class Organization(RegisterEntry):
    """HSDS ``organization``; ``provider`` is the Corridor organisation whose members keep it."""

    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    legal_status = models.CharField(_("legal status"), max_length=120, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("year incorporated"), null=True, blank=True)
    provider = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provider account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation (register)")
        verbose_name_plural = _("organisations (register)")

    def __str__(self) -> str:
        return self.name


class Service(RegisterEntry):
    """HSDS ``service``. ``verified_at`` is exported as HSDS ``assured_date``; capacity as
    ``service_capacity`` rows (see ``hsds``)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("interpretation"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("cost"), blank=True)
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    alert = models.TextField(_("alert"), blank=True)
    needs = models.ManyToManyField(Need, verbose_name=_("needs"), blank=True, related_name="services")
    # HSDS ``service_capacity`` in two units: places, and extra places opened in a crisis.
    capacity_total = models.PositiveIntegerField(_("places in total"), null=True, blank=True)
    capacity_available = models.PositiveIntegerField(_("places free now"), null=True, blank=True)
    crisis_spare_capacity = models.PositiveIntegerField(_("extra places in a crisis"), null=True, blank=True)
    capacity_updated_at = models.DateTimeField(_("capacity updated at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["status", "verified_at"], name="services_service_verified")]

    def __str__(self) -> str:
        return self.name


class Location(RegisterEntry):
    """HSDS ``location`` with its (one) physical address folded in; the city is searched."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    location_type = models.CharField(
        _("type"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address (continued)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    state_province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["city", "name", "id"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        # Search compares cities case-insensitively (``city__iexact`` is UPPER(city) = UPPER(%s)).
        indexes = [models.Index(Upper("city"), name="services_location_city")]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.address_1, self.city) if part)

    @property
    def address_line(self) -> str:
        return ", ".join(part for part in (self.address_1, self.address_2, self.city) if part)


class ServiceAtLocation(RegisterEntry):
    """HSDS ``service_at_location``: what a referral points to."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="services_here")
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="services_sal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Phone(RegisterEntry):
    """HSDS ``phone``, linked to one of an organisation, service, location or service at location."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number

    @property
    def tel_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class Schedule(RegisterEntry):
    """HSDS ``schedule``: opening hours as RFC 5545 recurrence parts (freq, byday) and times."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    freq = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, blank=True)
    byday = models.CharField(_("days"), max_length=40, blank=True, help_text="MO,TU,WE,TH,FR,SA,SU")
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"


class ServiceLanguage(RegisterEntry):
    """HSDS ``language``: a language spoken at a service or location."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    language = models.ForeignKey(
        "reference.Language", verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        indexes = [models.Index(fields=["language", "service"], name="services_language_search")]

    def __str__(self) -> str:
        return self.language_id


class Contact(RegisterEntry):
    """HSDS ``contact``: a named contact point (a desk or a role rather than a private person)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.email


class CostOption(RegisterEntry):
    """HSDS ``cost_option``: a price, or zero for a free service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("option"), max_length=200, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(_("amount description"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")

    def __str__(self) -> str:
        return f"{self.option} {self.amount} {self.currency}".strip()
