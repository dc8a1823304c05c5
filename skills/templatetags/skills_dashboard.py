"""``{% trainee_skills user as held %}``: a person's skills, verified first."""

from django import template

from skills.selectors import skills_for_trainee

register = template.Library()


@register.simple_tag
def trainee_skills(user) -> list:
    if not getattr(user, "is_authenticated", False):
        return []
    return skills_for_trainee(user)
