"""Create a ready-to-use account (email verified) for operators and scripts.

    python manage.py create_user --email kim@example.org --password '…' --role trainee
    python manage.py create_user --email hr@example.org --password '…' --role employer \\
        --company 종로금방공방 --brn 101-86-01233
    python manage.py create_user --email ops@example.org --password '…' --role staff \\
        --center jongno-jewelry --print-token

With ``--print-token`` the personal API token is the last line of the output, so a
script can take it with ``| tail -n 1``.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.core.validators import validate_email
from django.db import transaction

from accounts import services
from accounts.models import Center, Company, Role, User
from accounts.validators import format_brn, normalize_brn, normalize_mobile

CENTER_ROLES = (Role.COUNSELOR.value, Role.STAFF.value)


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = (
        "Create an account with its email verified: a trainee, employer, counselor or center staff."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="Login email address.")
        parser.add_argument(
            "--password", required=True, help="Password; Django's password rules apply."
        )
        parser.add_argument(
            "--role",
            required=True,
            action="append",
            choices=[r.value for r in Role],
            help="trainee, employer, counselor or staff. Repeat for several roles.",
        )
        parser.add_argument(
            "--name", default="", help="Full name (default: the part of the email before @)."
        )
        parser.add_argument("--phone", default="", help="Korean mobile number, e.g. 010-1234-5678.")
        parser.add_argument(
            "--language", default="ko", choices=["ko", "en"], help="Preferred language."
        )
        parser.add_argument(
            "--center",
            help="Center slug; required for counselor and staff. For an employer, the center "
            "the company registers with (default: the first active center).",
        )
        parser.add_argument("--company", help="Company name; required for employer.")
        parser.add_argument(
            "--brn", help="사업자등록번호 (10 digits, dashes allowed); required for employer."
        )
        parser.add_argument(
            "--print-token",
            action="store_true",
            help="Create a personal API token and print it as the last line.",
        )

    # Operators and scripts get one language: English, like Django's own commands.
    @no_translations
    def handle(self, *args, **options):
        roles: list[str] = list(dict.fromkeys(options["role"]))  # de-duplicated, order kept
        email = options["email"].strip().lower()
        name = options["name"].strip() or email.split("@")[0]

        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Not a valid email address: {options['email']!r}.") from None
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with the email address {email} already exists.")

        if options["print_token"] and Role.STAFF.value in roles:
            raise CommandError(
                "--print-token is not for staff: they get an API token only after setting up "
                "two-factor authentication (TOTP), on the API tokens page."
            )

        phone = ""
        if options["phone"]:
            try:
                phone = normalize_mobile(options["phone"])
            except ValidationError as exc:
                raise CommandError(f"--phone: {_messages(exc)}") from None

        try:
            password_validation.validate_password(
                options["password"], user=User(email=email, name=name)
            )
        except ValidationError as exc:
            raise CommandError(f"The password is not accepted: {_messages(exc)}") from None

        center = self._center(options["center"], roles)
        company_name, brn = self._company(options["company"], options["brn"], roles)

        try:
            with transaction.atomic():
                user = services.user_create(
                    email=email,
                    password=options["password"],
                    name=name,
                    phone=phone,
                    language=options["language"],
                    is_trainee=Role.TRAINEE.value in roles,
                    email_verified=True,
                )
                company = None
                if Role.EMPLOYER.value in roles:
                    company = services.company_register(
                        owner=user, name=company_name, brn=brn, center=center
                    )
                for role in roles:
                    if role in CENTER_ROLES:
                        services.center_membership_add(center=center, user=user, role=role, by=None)
                raw_token = None
                if options["print_token"]:
                    _token, raw_token = services.api_token_create(user=user, name="create_user")
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None

        self.stdout.write(
            self.style.SUCCESS(f"Created {user.name} <{user.email}> ({', '.join(user.roles)}).")
        )
        if company is not None:
            centers = ", ".join(company.centers.values_list("name", flat=True)) or "no center yet"
            self.stdout.write(
                f"Company {company.name} ({company.brn_display}) is registered with {user.email} as owner; "
                f"it awaits verification by the staff of {centers}."
            )
        if center is not None and any(role in CENTER_ROLES for role in roles):
            self.stdout.write(f"Member of {center.name} ({center.slug}).")
        if user.requires_mfa:
            self.stdout.write(
                "Center staff must set up two-factor authentication (TOTP) at their first login."
            )
        if raw_token is not None:
            self.stdout.write(
                "API token (shown only once; send it as 'Authorization: Bearer <token>'):"
            )
            self.stdout.write(raw_token)

    def _center(self, slug: str | None, roles: list[str]) -> Center | None:
        needs_center = [r for r in roles if r in CENTER_ROLES]
        if not needs_center:
            if slug and Role.EMPLOYER.value not in roles:
                raise CommandError("--center is only for the employer, counselor and staff roles.")
            if not slug:
                return None
        if not slug:
            raise CommandError(
                f"--center SLUG is required for the {' and '.join(needs_center)} role."
            )
        center = Center.objects.filter(slug=slug).first()
        if center is None:
            known = (
                ", ".join(Center.objects.order_by("slug").values_list("slug", flat=True))
                or "none yet"
            )
            raise CommandError(f"No center with the slug {slug!r}. Known centers: {known}.")
        return center

    def _company(self, name: str | None, brn: str | None, roles: list[str]) -> tuple[str, str]:
        if Role.EMPLOYER.value not in roles:
            if name or brn:
                raise CommandError("--company and --brn are only for the employer role.")
            return "", ""
        if not (name or "").strip() or not brn:
            raise CommandError(
                "--company NAME and --brn 10DIGITS are both required for the employer role."
            )
        try:
            digits = normalize_brn(brn)
        except ValidationError as exc:
            raise CommandError(f"--brn {brn!r}: {_messages(exc)}") from None
        if Company.objects.filter(brn=digits).exists():
            raise CommandError(
                f"A company with the business registration number {format_brn(digits)} is already registered."
            )
        return name.strip(), digits
