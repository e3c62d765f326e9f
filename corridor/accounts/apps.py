from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "corridor.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Registers the OpenAPI description of bearer tokens with drf-spectacular.
        from corridor.accounts.api import schema  # noqa: F401
