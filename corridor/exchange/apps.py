from django.apps import AppConfig, apps


class ExchangeConfig(AppConfig):
    name = "corridor.exchange"
    label = "exchange"

    def ready(self) -> None:
        # The built-in purposes register on import.
        from corridor.exchange import registry  # noqa: F401

        # Revoking a consent withdraws the open messages it allowed. The kernel calls its
        # hooks without importing the exchange.
        if apps.is_installed("corridor.cases"):
            from corridor.cases.registry import register_revocation_hook
            from corridor.exchange.services import withdraw_on_consent_revoked

            register_revocation_hook(withdraw_on_consent_revoked)
