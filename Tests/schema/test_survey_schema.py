"""Keeps Resources/schema/survey.schema.json in step with the Swift loader (Sources/SurveyFiles).

Every shipped survey and every valid fixture must satisfy the schema (so editors never flag a file
the loader accepts), and every invalid fixture whose mistake is structural (`structure-*.yaml`) must
be rejected by it (so editors flag those mistakes while staff type). The Swift tests check the same
fixtures against the loader.

Run from the repository root: python3 -m pytest -q Tests/schema
"""
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "Resources" / "schema" / "survey.schema.json"
FIXTURES = ROOT / "Tests" / "SurveyFilesTests" / "Fixtures"

SURVEYS = sorted((ROOT / "surveys").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
STRUCTURAL = sorted((FIXTURES / "invalid").glob("structure-*.yaml"))


class TextDatesLoader(yaml.SafeLoader):
    """PyYAML turns 2026-12-01 into a date; the loader and the schema treat it as the text staff wrote."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path: Path):
    """The file as JSON sees it: mapping keys such as scale points become strings, as in an editor."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=TextDatesLoader)
    return json.loads(json.dumps(data))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def describe(errors):
    return "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("$id")


def test_there_is_something_to_check():
    assert len(SURVEYS) >= 3
    assert len(VALID) >= 6
    assert len(STRUCTURAL) >= 5


@pytest.mark.parametrize("path", SURVEYS, ids=lambda p: p.name)
def test_every_shipped_survey_satisfies_the_schema(validator, path):
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../Resources/schema/survey.schema.json\n"
    ), "the first line lets editors find the schema"
    errors = list(validator.iter_errors(load(path)))
    assert not errors, describe(errors)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_valid_fixture_satisfies_the_schema(validator, path):
    errors = list(validator.iter_errors(load(path)))
    assert not errors, describe(errors)


@pytest.mark.parametrize("path", STRUCTURAL, ids=lambda p: p.name)
def test_every_structural_mistake_is_rejected_by_the_schema(validator, path):
    assert not validator.is_valid(load(path)), f"{path.name} has a structural mistake the schema does not catch"


def test_the_valid_fixtures_together_use_every_key_and_type_the_schema_knows():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    surveys = [load(path) for path in VALID]
    pages = [page for survey in surveys for page in survey.get("pages", [])]
    questions = [q for survey in surveys for q in survey.get("questions", [])] + [
        q for page in pages for q in page["questions"]
    ]

    def keys(mappings):
        return {key for mapping in mappings for key in mapping}

    defs = schema["$defs"]
    assert keys(surveys) == set(schema["properties"])
    assert keys(pages) == set(defs["page"]["properties"])
    assert keys(questions) == set(defs["question"]["properties"])
    assert {q["type"] for q in questions} == set(defs["question"]["properties"]["type"]["enum"])
    assert {s["kind"] for s in surveys} == set(schema["properties"]["kind"]["enum"])
    for name in ("weighting", "verdict", "audience"):
        assert keys(s[name] for s in surveys if name in s) == set(defs[name]["properties"]), name
