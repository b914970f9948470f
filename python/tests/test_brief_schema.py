"""docs/brief.schema.json against what the program writes: the seed case's brief.json and the scenario command's
JSON must validate, and altered copies (an unknown top-level key, a number written as text, a missing section, a
share above 1, an unknown verdict) must not, so that the schema is not one that accepts anything."""
import copy
import json
import subprocess

import jsonschema
import pytest

from conftest import CLI, SOURCE_DIR, XINJIANG, run_cli

SCHEMA = json.loads((SOURCE_DIR / "docs" / "brief.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    subprocess.run([str(CLI), "brief", str(XINJIANG), "--out", str(out)], check=True, capture_output=True)
    return json.loads((out / "brief.json").read_text())


def test_the_seed_brief_validates(brief):
    assert [error.message for error in VALIDATOR.iter_errors(brief)] == []
    # What the schema pins down holds in the data it checks: the verdict counts add up to the claims.
    verdicts = brief["claims"]["verdicts"]
    assert sum(verdicts[k] for k in verdicts if k != "figures_disagree") == len(brief["claims"]["results"])


def test_the_scenario_commands_json_validates():
    assert [error.message for error in VALIDATOR.iter_errors(run_cli("scenario", XINJIANG))] == []


@pytest.mark.parametrize("change", ["unknown key", "number as text", "missing key", "share above 1", "bad verdict"])
def test_altered_briefs_do_not_validate(brief, change):
    altered = copy.deepcopy(brief)
    if change == "unknown key":
        altered["at_risk_total"] = 1.0
    elif change == "number as text":
        altered["exposure"]["at_risk"] = "655.8 million"
    elif change == "missing key":
        del altered["exposure"]
    elif change == "share above 1":
        altered["nowcast"]["stopped_share"][6] = 1.5
    else:
        altered["claims"]["results"][0]["verdict"] = "probably true"
    assert list(VALIDATOR.iter_errors(altered)) != []
