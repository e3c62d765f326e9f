"""Writes of consular registration. Officers: ``records``, ``consents``; the public: ``public``."""
