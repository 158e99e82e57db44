"""Renders form widgets with the U.S. Web Design System's classes and the ARIA attributes that
tie each input to its hint and error message."""

from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _base_class(widget: forms.Widget) -> str:
    # CheckboxSelectMultiple is a kind of RadioSelect in Django: ask for it first.
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "usa-checkbox__input"
    if isinstance(widget, forms.RadioSelect):
        return "usa-radio__input"
    if isinstance(widget, forms.Select):
        return "usa-select"
    if isinstance(widget, forms.Textarea):
        return "usa-textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "usa-file-input"
    return "usa-input"


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def uswds_widget(field):
    """The field's input with usa-* classes, aria-describedby and aria-invalid."""
    widget = field.field.widget
    base = _base_class(widget)
    classes = [widget.attrs.get("class", ""), base]
    if field.errors and base in ("usa-input", "usa-select", "usa-textarea"):
        classes.append(f"{base}--error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described := described_by(field):
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    if base == "usa-file-input":
        # USWDS's script names the input "Drag file here or choose from folder" (aria-label),
        # hiding its label from screen readers; aria-labelledby takes precedence over it.
        attrs["aria-labelledby"] = f"{field.auto_id}-label"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def uswds_prepare_choices(field):
    """Give each option of a radio or checkbox group the USWDS input class."""
    field.field.widget.attrs["class"] = _base_class(field.field.widget)
    return ""


@register.filter
def uswds_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, CHOICE_WIDGETS):
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        return "radio" if isinstance(widget, forms.RadioSelect) else "checkboxes"
    return "input"


@register.filter
def uswds_described_by(field) -> str:
    return described_by(field)
