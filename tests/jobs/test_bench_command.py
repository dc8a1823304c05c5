from io import StringIO

from django.core.management import call_command


def test_bench_matching_runs_at_a_small_size_and_reuses_its_data(db):
    out = StringIO()
    call_command(
        "bench_matching", postings=300, trainees=120, skills=20, companies=10, runs=5, stdout=out
    )
    text = out.getvalue()
    assert "trainee top 20" in text and "posting top 50" in text and "p95=" in text
    assert "(stored feed)" in text and "(live SQL)" in text and "trainee lists built" in text
    out = StringIO()
    call_command(
        "bench_matching", postings=300, trainees=120, skills=20, companies=10, runs=3, stdout=out
    )
    assert "postings=300" in out.getvalue()
    assert "posting skills in" not in out.getvalue()  # reused, nothing generated
