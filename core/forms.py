"""How every form renders: Django's widgets, except that long text is counted, never cut."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates

TEXTAREA = "django/forms/widgets/textarea.html"


class FormRenderer(DjangoTemplates):
    """A browser's maxlength cuts a longer paste without a word (a 6,150-character cover letter
    arrived as 5,000). A textarea's limit becomes data-maxlength with a counter beside it
    (static/js/app.js makes it live, aria-live polite); the form refuses what is too long."""

    def render(self, template_name, context, request=None):
        if template_name == TEXTAREA:
            template_name = "core/widgets/textarea.html"
            widget = context["widget"]
            attrs = dict(widget["attrs"])
            limit = attrs.pop("maxlength", None)
            if limit and attrs.get("id"):
                counter = f"{attrs['id']}_count"
                attrs["data-maxlength"] = limit
                attrs["aria-describedby"] = " ".join(
                    filter(None, [attrs.get("aria-describedby"), counter])
                )
                widget = {**widget, "attrs": attrs, "limit": int(limit), "counter": counter}
            elif limit:
                attrs["data-maxlength"] = limit
                widget = {**widget, "attrs": attrs}
            context = {**context, "widget": widget}
        return super().render(template_name, context, request)
