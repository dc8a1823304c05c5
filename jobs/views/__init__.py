"""Job pages, split by who uses them and re-exported here for ``jobs/urls.py``.

- ``public``: the job list, a posting, a company, accepting a colleague invitation
- ``trainee``: applying, my applications, recommendations, profile and portfolio, contact
  requests, saved searches
- ``employer``: companies, postings, the applicant board, candidates
- ``staff``: the review queue
- ``hiring``: interviews and offers on the application pages, staff recording a hire
"""

from .employer import (
    employer_application,
    employer_application_file,
    employer_application_pdf,
    employer_board,
    employer_candidate,
    employer_candidates,
    employer_company,
    employer_company_invite,
    employer_home,
    employer_posting,
    employer_posting_action,
    employer_posting_edit,
    employer_posting_new,
)
from .hiring import (
    employer_interview_cancel,
    employer_interview_ics,
    employer_interview_mark,
    employer_interview_propose,
    employer_interview_times,
    employer_offer_make,
    employer_offer_withdraw,
    my_interview_cancel,
    my_interview_ics,
    my_interview_pick,
    my_interview_request_times,
    my_offer_answer,
    staff_application_hire,
)
from .public import company, company_invitation_accept, detail, index
from .staff import staff_posting, staff_review
from .trainee import (
    apply,
    my_application,
    my_application_file,
    my_application_withdraw,
    my_applications,
    my_contact_request_decide,
    my_contact_requests,
    my_portfolio_add,
    my_portfolio_delete,
    my_profile,
    my_resume_pdf,
    my_search_delete,
    my_searches,
    portfolio_image,
    recommendations,
)

__all__ = [
    "apply",
    "company",
    "company_invitation_accept",
    "detail",
    "employer_application",
    "employer_application_file",
    "employer_application_pdf",
    "employer_board",
    "employer_candidate",
    "employer_candidates",
    "employer_company",
    "employer_company_invite",
    "employer_home",
    "employer_interview_cancel",
    "employer_interview_ics",
    "employer_interview_mark",
    "employer_interview_propose",
    "employer_interview_times",
    "employer_offer_make",
    "employer_offer_withdraw",
    "employer_posting",
    "employer_posting_action",
    "employer_posting_edit",
    "employer_posting_new",
    "index",
    "my_application",
    "my_application_file",
    "my_application_withdraw",
    "my_applications",
    "my_contact_request_decide",
    "my_contact_requests",
    "my_interview_cancel",
    "my_interview_ics",
    "my_interview_pick",
    "my_interview_request_times",
    "my_offer_answer",
    "my_portfolio_add",
    "my_portfolio_delete",
    "my_profile",
    "my_resume_pdf",
    "my_search_delete",
    "my_searches",
    "portfolio_image",
    "recommendations",
    "staff_application_hire",
    "staff_posting",
    "staff_review",
]
