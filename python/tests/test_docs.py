"""docs/python.md runs as written: its ```python blocks, in order, in one namespace, from the repository's root
(the chart is drawn with matplotlib's Agg backend into out/python/)."""
import contextlib
import io
import os
import re

import pytest

from conftest import SOURCE_DIR


def test_the_python_guide_runs_as_written():
    text = (SOURCE_DIR / "docs" / "python.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    namespace = {}
    output = io.StringIO()
    previous = os.getcwd()
    os.chdir(SOURCE_DIR)
    try:
        with contextlib.redirect_stdout(output):
            for block in blocks:
                exec(compile(block, "docs/python.md", "exec"), namespace)
    finally:
        os.chdir(previous)
    printed = output.getvalue()
    # The numbers the guide says it prints (the README's brief of the seed case).
    assert "at risk: 655.8 million USD, 3.07% of trade" in printed
    assert "12 of 19 claims supported" in printed
    # 193.7: the hand calculation is in test_case.py::test_nowcast_is_the_scenarios_nowcast.
    assert "nowcast 2021 exports to the US: 193.7 million USD" in printed
    assert "XYZ" in printed  # the error's message names the currency
    assert (SOURCE_DIR / "out" / "python" / "xinjiang-partners.png").stat().st_size > 0
