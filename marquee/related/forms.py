from django import forms


class InfluenceConfirmForm(forms.Form):
    source = forms.CharField(
        required=False,
        max_length=500,
        label="Source of the claim (a URL or a citation; optional)",
    )
    note = forms.CharField(required=False, max_length=2000, label="Note (optional)")
