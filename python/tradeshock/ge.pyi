import os
from typing import Any, Optional, Union

import pandas as pd

class GeResult:
    economies: pd.DataFrame
    info: dict[str, Any]
    @property
    def converged(self) -> bool: ...

def run_panel(panel: Union[str, os.PathLike[str]], counterfactual: str, *, sigma: Optional[float] = ...,
              theta: Optional[float] = ..., reference: str = ..., estimate: str = ..., estimate_subset: str = ...,
              beta: Optional[float] = ..., policy: str = ..., baseline: str = ..., fill_costs: str = ...,
              year: Optional[float] = ..., year_column: str = ..., exporter: str = ..., importer: str = ...,
              trade: str = ..., imbalance: str = ..., method: str = ..., stopping_rule: str = ...,
              tolerance: Optional[float] = ..., max_iterations: Optional[int] = ...) -> GeResult: ...

solve = run_panel
