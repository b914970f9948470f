from typing import Any, Optional, Sequence, Union

import numpy as np
import pandas as pd

class FitResult:
    coefficients: pd.DataFrame
    vcov: pd.DataFrame
    json: dict[str, Any]
    fitted: np.ndarray
    @property
    def converged(self) -> bool: ...
    @property
    def observations(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def pseudo_r2(self) -> float: ...

def fit(data: pd.DataFrame, formula: str, *, cluster: Union[None, str, Sequence[str]] = ..., family: str = ...,
        vcov: Optional[str] = ..., ssc: str = ..., subset: Optional[str] = ..., weights: Optional[str] = ...,
        offset: Optional[str] = ..., tolerance: float = ..., max_iterations: int = ..., drop_singletons: bool = ...,
        rectifier: bool = ..., threads: int = ...) -> FitResult: ...
