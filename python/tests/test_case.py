"""indicators, scenario, nowcast, claims and brief against the command line's JSON on the same inputs."""
import json

import pytest

import tradeshock
from conftest import XINJIANG, run_cli

FLOWS = XINJIANG / "flows.csv"


@pytest.mark.parametrize("by", ["partner", "product"])
def test_indicators_equal_the_command_lines_json(by):
    python = tradeshock.indicators(FLOWS, reporter="CN-XJ", flow="trade", period="2020", by=by, currency="USD")
    cli = run_cli("indicators", FLOWS, "--reporter", "CN-XJ", "--flow", "trade", "--period", "2020", "--by", by,
                  "--currency", "USD")
    assert python == cli


def test_indicators_of_exports_with_a_partner_and_growth():
    python = tradeshock.indicators(FLOWS, reporter="CN-XJ", flow="exports", period="2020", partner="USA",
                                   compare="2019")
    cli = run_cli("indicators", FLOWS, "--reporter", "CN-XJ", "--flow", "exports", "--period", "2020", "--partner",
                  "USA", "--compare", "2019")
    assert python == cli


def test_scenario_of_a_case_folder_equals_the_command_lines_json():
    assert tradeshock.scenario(XINJIANG) == run_cli("scenario", XINJIANG)


def test_scenario_of_a_table_with_a_scenario_file_equals_the_command_line():
    table = tradeshock.read([FLOWS, XINJIANG / "profile.csv"])
    python = tradeshock.scenario(table, scenario=XINJIANG / "scenario.toml", currency="CNY")
    cli = run_cli("scenario", FLOWS, XINJIANG / "profile.csv", "--scenario", XINJIANG / "scenario.toml",
                  "--currency", "CNY")
    assert python == cli


def test_nowcast_is_the_scenarios_nowcast():
    nowcast = tradeshock.nowcast(XINJIANG)
    assert nowcast == run_cli("scenario", XINJIANG)["nowcast"]
    # The README's figure for the seed case: 193.7 million USD with the policies, on the flow's own profile as
    # the claims imply it: C(5) = (90 / 0.9) / 655.833 = 0.152478; months 6-12 each (90 / C(5) - 90) / 7 =
    # 71.464 M; 90 + 71.464 + 71.464 * 14 / 31 = 193.738 M.
    c5 = (90 / 0.9) / (4528 / 6.9042)
    month = (90 / c5 - 90) / 7
    assert nowcast["with_policy"]["central"]["full_year"] == pytest.approx((90 + month + month * 14 / 31) * 1e6,
                                                                         rel=1e-6)


def test_claims_equal_the_command_lines_json():
    python = tradeshock.claims(XINJIANG)
    assert python == run_cli("claims", XINJIANG)
    assert (python["supported"], python["contradicted"], python["not_checkable"]) == (12, 0, 7)


def test_brief_writes_the_three_files_as_the_command_line(tmp_path):
    written = tradeshock.brief(XINJIANG, out=tmp_path / "py")
    assert sorted(p.name for p in (tmp_path / "py").iterdir()) == ["brief.html", "brief.json", "brief.md"]
    assert written["json"] == tmp_path / "py" / "brief.json"
    import subprocess
    from conftest import CLI
    subprocess.run([str(CLI), "brief", str(XINJIANG), "--out", str(tmp_path / "cli")], check=True,
                   capture_output=True)
    assert json.loads((tmp_path / "py" / "brief.json").read_text()) == \
        json.loads((tmp_path / "cli" / "brief.json").read_text())
    assert (tmp_path / "py" / "brief.md").read_text() == (tmp_path / "cli" / "brief.md").read_text()
    assert "US ban on all imports from Xinjiang" in written["summary"]


def test_a_bad_scenario_file_is_located(tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('[[policy]]\nkind = "ban"\nimposed_by = "USA"\non = "CN-XJ"\nproducts = "all"\n'
                        'from = 2021-07-15\nshare_stopped = 1.5\n')
    with pytest.raises(tradeshock.InputError) as raised:
        tradeshock.scenario(FLOWS, scenario=scenario)
    assert (raised.value.file, raised.value.line, raised.value.kind) == (str(scenario), 7, "bad number")
    assert raised.value.column is not None


def test_no_scenario_is_an_error():
    with pytest.raises(tradeshock.Error, match="no scenario"):
        tradeshock.scenario(FLOWS)
