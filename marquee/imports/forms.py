from django import forms

from marquee.imports.formats import FORMATS


class ImportForm(forms.Form):
    format = forms.ChoiceField(
        label="Where is it from?",
        choices=[(fmt.name, f"{fmt.label}: {fmt.accepts}") for fmt in FORMATS.values()],
    )
    export_file = forms.FileField(label="Export file")
    create_missing = forms.BooleanField(
        required=False,
        label="Add films this journal's catalog does not have yet",
    )
    dry_run = forms.BooleanField(required=False, label="Only show what would change")
