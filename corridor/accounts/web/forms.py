from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.access.roles import ALL_ROLES, ROLE_LABELS


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Enter the six digits shown by your authenticator app."))
        return code


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What is the token for?"), max_length=100)


class MachineClientForm(forms.Form):
    name = forms.CharField(label=_("Name of the national system"), max_length=100)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(r, ROLE_LABELS[r]) for r in ALL_ROLES if r not in {"secretariat", "national_admin"}],
        widget=forms.CheckboxSelectMultiple,
    )


class MembershipForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
