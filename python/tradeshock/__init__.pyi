import os
from typing import Any, Iterable, Optional, Union

import numpy as np
import pandas as pd

from . import dask as dask
from . import ge as ge
from . import gravity as gravity

__version__: str
PathLike = Union[str, os.PathLike[str]]

class Error(RuntimeError): ...

class InputError(Error, ValueError):
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    kind: str
    value: str
    expected: str

class ExpressionError(Error, ValueError):
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    kind: str
    value: str
    expected: str

class Result(dict[str, Any]):
    def frame(self, key: str = ...) -> pd.DataFrame: ...

class TradeTable:
    def __len__(self) -> int: ...
    @property
    def files(self) -> list[str]: ...
    def columns(self) -> dict[str, np.ndarray]: ...
    def dictionaries(self) -> dict[str, list[str]]: ...
    def to_pandas(self) -> pd.DataFrame: ...
    def inspect(self) -> dict[str, Any]: ...

def read(paths: Union[PathLike, Iterable[PathLike]], format: str = ..., lenient: bool = ..., *,
         sum_duplicates: bool = ..., baci_codes: Optional[PathLike] = ..., threads: int = ...,
         max_inflated_bytes: int = ...) -> TradeTable: ...
def indicators(table: Union[TradeTable, PathLike, Iterable[PathLike]], *, reporter: str, period: str,
               flow: str = ..., by: str = ..., currency: Optional[str] = ..., partner: Optional[str] = ...,
               product: str = ..., compare: Optional[str] = ..., rca_items: int = ...) -> Result: ...
def scenario(case_or_table: Union[TradeTable, PathLike, Iterable[PathLike]], scenario: Optional[PathLike] = ..., *,
             currency: str = ..., period: Optional[str] = ..., mirror_imports: str = ...,
             baci_codes: Optional[PathLike] = ..., lenient: bool = ..., allow_outside_case: bool = ...) -> Result: ...
def nowcast(case_or_table: Union[TradeTable, PathLike, Iterable[PathLike]], scenario: Optional[PathLike] = ...,
            **options: Any) -> Optional[Result]: ...
def claims(case: PathLike, claims: Optional[PathLike] = ..., *, currency: str = ...,
           allow_outside_case: bool = ...) -> Result: ...
def brief(case: PathLike, out: PathLike, *, currency: str = ..., mirror_imports: str = ...,
          baci_codes: Optional[PathLike] = ..., allow_outside_case: bool = ...) -> dict[str, Any]: ...
