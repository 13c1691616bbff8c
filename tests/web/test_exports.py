"""Report exports: CSV and XLSX carry the feedback and never a live formula; HTML stands alone."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
from sqlalchemy import select

from feedback_api.db.models import Experiment, Feedback, Theme
from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.services import feedback as feedback_service
from feedback_api.web import exports

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# Typical injection payloads: each must reach the spreadsheet as inert text.
HOSTILE_TEXTS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1)",
)
HOSTILE_TITLE = '=HYPERLINK("http://evil.example") <script>alert(1)</script>'


async def _seed(client, make, session) -> int:  # type: ignore[no-untyped-def]
    exp = await make.experiment(HOSTILE_TITLE, slug="kirjastorobotti", owner_name="@owner")
    for text in HOSTILE_TEXTS:
        response = await client.post(
            f"/api/v1/experiments/{exp}/feedback",
            json={"text": text, "rating": 2, "role": "resident", "would_use": "no"},
        )
        assert response.status_code == 201, response.text
    for _ in range(5):
        await client.post(
            f"/api/v1/experiments/{exp}/feedback",
            json={"text": "Kätevä robotti, säästi aikaa", "rating": 5, "role": "employee"},
        )
    await session.commit()
    keys = (await session.scalars(select(Theme.key).order_by(Theme.id))).all()[:2]
    for row in (await session.scalars(select(Feedback).where(Feedback.experiment_id == exp))).all():
        await feedback_service.correct_themes(session=session, feedback=row, keys=list(keys))
    await session.commit()
    return exp


async def _login(client, make) -> None:  # type: ignore[no-untyped-def]
    page = await client.get("/staff?lang=en")
    token = await make.token(TokenRole.STAFF)
    response = await client.post(
        "/staff/login", data={"csrf_token": CSRF.search(page.text).group(1), "token": token}
    )
    assert response.status_code == 303


def test_neutralise_escapes_every_formula_start() -> None:
    for text in (*HOSTILE_TEXTS, "\tx", "\rx"):
        assert exports.neutralise(text) == "'" + text
    assert exports.neutralise("Hyvä palvelu") == "Hyvä palvelu"
    assert exports.neutralise(None) == ""
    assert exports.xlsx_cell(3) == 3 and exports.xlsx_cell(None) is None
    assert exports.xlsx_cell("=1+1") == "'=1+1"
    assert exports.xlsx_cell("bad\x01char") == "badchar"


async def test_csv_download_has_the_feedback_neutralised(client, make, session) -> None:
    exp = await _seed(client, make, session)
    await _login(client, make)
    response = await client.get(f"/staff/experiments/{exp}/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="kirjastorobotti-feedback.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel then reads the ä and ö right
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(HOSTILE_TEXTS) + 5
    texts = {row["text"] for row in rows}
    for hostile in HOSTILE_TEXTS:
        assert "'" + hostile in texts
    assert "Kätevä robotti, säästi aikaa" in texts
    assert all(not value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())


async def test_xlsx_download_has_no_formula_anywhere(client, make, session) -> None:
    exp = await _seed(client, make, session)
    await _login(client, make)
    response = await client.get(f"/staff/experiments/{exp}/export.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Themes", "By role", "Weekly", "Feedback"]
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    values.append(cell.value)
    for hostile in HOSTILE_TEXTS:
        assert "'" + hostile in values
    assert "'" + HOSTILE_TITLE in values
    feedback = book["Feedback"]
    header = [cell.value for cell in feedback[1]]
    assert header == list(exports.CSV_COLUMNS)
    assert feedback.max_row == len(HOSTILE_TEXTS) + 5 + 1
    assert "Kätevä robotti, säästi aikaa" in values


async def test_html_export_is_one_self_contained_escaped_file(client, make, session) -> None:
    exp = await _seed(client, make, session)
    await _login(client, make)
    response = await client.get(f"/staff/experiments/{exp}/export.html?lang=fi")
    assert response.status_code == 200
    assert 'filename="kirjastorobotti-report.html"' in response.headers["content-disposition"]
    page = response.text
    assert page.startswith("<!doctype html>") and '<html lang="fi">' in page
    assert "<style>" in page and ":root" in page
    assert "<svg" in page and 'role="img"' in page
    assert "<script" not in page.lower()
    assert "<link" not in page  # no external stylesheet
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for hostile in HOSTILE_TEXTS:
        assert hostile.replace("'", "&#39;").replace('"', "&#34;") in page
    assert page.count('<tr id="feedback-') == len(HOSTILE_TEXTS) + 5


async def test_json_export_is_the_report(client, make, session) -> None:
    exp = await _seed(client, make, session)
    await _login(client, make)
    response = await client.get(f"/staff/experiments/{exp}/export.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["experiment"]["slug"] == "kirjastorobotti"
    assert data["totals"]["feedback"] == len(HOSTILE_TEXTS) + 5
    assert set(data["scorecard"]) == {"users", "fit", "benefit"}
    assert (await client.get(f"/staff/experiments/{exp}/export.pdf")).status_code == 404


async def test_exports_through_the_services(client, make, session) -> None:
    """What `kokeilu report --format …` calls."""
    exp = await _seed(client, make, session)
    row = await session.get(Experiment, exp)
    assert row is not None
    text = await exports.feedback_csv(session=session, experiment=row)
    assert text.startswith("id,created_at,role")
    row = await session.get(Experiment, exp)
    book = openpyxl.load_workbook(
        io.BytesIO(await exports.report_xlsx(session=session, experiment=row, language="sv"))
    )
    assert book["Feedback"].max_row == len(HOSTILE_TEXTS) + 6
    row = await session.get(Experiment, exp)
    html = await exports.report_html(session=session, experiment=row, language="sv")
    assert '<html lang="sv">' in html and "Utvärderingskort" in html
    row = await session.get(Experiment, exp)
    assert json.loads(await exports.report_json(session=session, experiment=row))["totals"]
    assert exports.report_filename(row, "xlsx") == "kirjastorobotti-report.xlsx"


async def test_exports_of_an_experiment_without_feedback(client, make, session) -> None:
    exp = await make.experiment("Tyhjä", ExperimentStatus.PROPOSED, slug="tyhja")
    row = await session.get(Experiment, exp)
    html = await exports.report_html(session=session, experiment=row, language="en")
    assert "No feedback has been given on this experiment yet." in html
    book = openpyxl.load_workbook(
        io.BytesIO(await exports.report_xlsx(session=session, experiment=row))
    )
    assert book["Feedback"].max_row == 1
