"""``{% load markup %}`` then ``{{ course.description|markdown }}``: sanitized Markdown."""

from django import template

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value):
    return render_markdown(value)
