"""Re-export of :mod:`wijklib.io.atomic` (the old home of the atomic writers; import from ``wijklib.io.atomic``)."""

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text, atomic_write_workbook, workbook_bytes

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_write_workbook", "workbook_bytes"]
