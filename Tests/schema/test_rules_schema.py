"""Keeps Resources/schema/rules.schema.json in step with the Swift loader (Sources/RuleFiles).

The shipped rule files and the valid fixture satisfy the schema (editors never flag a file the
loader accepts); the fixtures whose mistake is one of form or vocabulary (an unknown role, a key
misspelt, text for a share) are rejected by it. Mistakes that need the whole edition (a gap, an
overlap, sums) are the loader's alone; the Swift tests check every fixture against the loader.

Run from the repository root: python3 -m pytest -q Tests/schema
"""
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "Resources" / "schema" / "rules.schema.json").read_text())
FIXTURES = ROOT / "Tests" / "RuleFilesTests" / "Fixtures"


class TextDatesLoader(yaml.SafeLoader):
    """PyYAML turns 2021-01-01 into a date; the loader and the schema treat it as the text staff wrote."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def errors(path: Path):
    data = json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=TextDatesLoader)))
    return [error.message for error in Draft202012Validator(SCHEMA).iter_errors(data)]


def test_the_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted((ROOT / "Resources" / "rules").glob("*.yaml")) + [FIXTURES / "valid-small.yaml"],
                         ids=lambda p: p.name)
def test_files_the_loader_accepts_pass(path):
    assert errors(path) == []


@pytest.mark.parametrize("name,expected", [
    ("unknown-role.yaml", "'wijkwethoudster' is not one of"),
    ("form-errors.yaml", "Additional properties are not allowed ('start' was unexpected)"),
    ("form-errors.yaml", "'signatures' is a required property"),
    ("form-errors.yaml", "'veel' is not of type 'number'"),
])
def test_mistakes_of_form_are_flagged(name, expected):
    assert any(expected in message for message in errors(FIXTURES / name)), errors(FIXTURES / name)
