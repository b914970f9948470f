import os
from typing import Any, Iterable, Optional, Sequence, Union

import pandas as pd

from . import Result, TradeTable

CELL: tuple[str, ...]

def partitions(paths_or_glob: Union[str, os.PathLike[str], Iterable[Union[str, os.PathLike[str]]]]) -> list[str]: ...
def aggregate_file(path: str, by: Sequence[str] = ..., product_digits: Optional[int] = ..., format: str = ...,
                   baci_codes: Optional[str] = ..., lenient: bool = ..., sum_duplicates: bool = ...,
                   threads: int = ...) -> pd.DataFrame: ...
def aggregate(paths_or_glob: Any, *, client: Any = ..., by: Sequence[str] = ..., product_digits: Optional[int] = ...,
              format: str = ..., baci_codes: Optional[str] = ..., lenient: bool = ..., sum_duplicates: bool = ...,
              threads: int = ...) -> pd.DataFrame: ...
def indicators(paths_or_glob: Any, *, client: Any = ..., reporter: str, period: str, flow: str = ..., by: str = ...,
               currency: Optional[str] = ..., partner: Optional[str] = ..., product: str = ...,
               compare: Optional[str] = ..., rca_items: int = ..., format: str = ..., baci_codes: Optional[str] = ...,
               lenient: bool = ..., sum_duplicates: bool = ...) -> Result: ...
def from_cells(cells: pd.DataFrame) -> TradeTable: ...
