from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "corridor.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Registers the OpenAPI description of bearer tokens with drf-spectacular.
        from corridor.accounts.api import schema  # noqa: F401
        from corridor.core.registry import register_api_section

        register_api_section("auth", "api:auth-token")
        register_api_section("me", "api:me")
