"""Table declarations: the single source of truth for every table's shape.

From these declarations come the pyarrow schema used to write each table
(:func:`schemas.arrow.arrow_schema`), the great-expectations suites used to
validate it and the data dictionary in the docs. This package imports nothing
of the curator's own.
"""

from schemas.declare import Column, ForeignKey, Table
from schemas.tables import SCHEMA_VERSION, TABLES, table

__all__ = ["SCHEMA_VERSION", "TABLES", "Column", "ForeignKey", "Table", "table"]
