"""How every form renders: Django's widgets, except that long text is counted, never cut."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates

TEXTAREA = "django/forms/widgets/textarea.html"
# Single-line inputs whose maxlength a paste would cut (passwords and numbers have none).
ONE_LINE = {
    f"django/forms/widgets/{kind}.html" for kind in ("text", "email", "url", "tel", "search")
}


class FormRenderer(DjangoTemplates):
    """A browser's maxlength cuts a longer paste without a word (a 6,150-character cover letter
    arrived as 5,000). A textarea's limit becomes data-maxlength with a counter beside it
    (static/js/app.js makes it live, aria-live polite); the form refuses what is too long.

    A single-line input keeps its limit the same way, with a counter that stays hidden until
    the text comes near the limit (a name or a title rarely does; a counter under every field
    would be noise)."""

    def render(self, template_name, context, request=None):
        if template_name in ONE_LINE:
            widget = context["widget"]
            attrs = dict(widget["attrs"])
            limit = attrs.pop("maxlength", None)
            if limit:
                attrs["data-maxlength"] = limit
                widget = {**widget, "attrs": attrs, "limit": int(limit), "template": template_name}
                if attrs.get("id"):
                    widget["counter"] = f"{attrs['id']}_count"
                    attrs["aria-describedby"] = " ".join(
                        filter(None, [attrs.get("aria-describedby"), widget["counter"]])
                    )
                context = {**context, "widget": widget}
                template_name = "core/widgets/input_limited.html"
        elif template_name == TEXTAREA:
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
