from typing import Any

from django.apps import AppConfig


def _forget_keys_when_master_key_changes(*, setting: str, **kwargs: Any) -> None:
    # Tests swap master keys with override_settings; unwrapped keys must not outlive them.
    if setting.startswith("CORRIDOR_") and "MASTER_KEY" in setting:
        from corridor.crypto.services import clear_key_cache

        clear_key_cache()


class CryptoConfig(AppConfig):
    name = "corridor.crypto"
    label = "crypto"

    def ready(self) -> None:
        from django.test.signals import setting_changed

        setting_changed.connect(_forget_keys_when_master_key_changes, dispatch_uid="crypto-key-cache")
