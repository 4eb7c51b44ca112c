"""Shared pieces of wijklib's pydantic models: the frozen base model and pattern-checked strings.

The framework catalogue (:mod:`wijklib.catalogue.model`) and the indicator catalogue (:mod:`wijklib.indicators`)
both validate immutable YAML content with the same base and the same snake_case name rule.
"""

from __future__ import annotations

import re

from pydantic import AfterValidator, BaseModel, ConfigDict

__all__ = ["Frozen", "NAME_PATTERN", "matches"]

#: A snake_case name: a lowercase letter, then lowercase letters, digits and ``_``.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class Frozen(BaseModel):
    """Immutable model that rejects unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def matches(pattern: re.Pattern[str], message: str) -> AfterValidator:
    """A validator for ``Annotated[str, ...]`` that rejects a value not matching ``pattern``.

    Parameters
    ----------
    pattern : re.Pattern
        Compiled pattern, applied with :meth:`re.Pattern.match`.
    message : str
        Dutch error message; ``{value!r}`` is replaced by the rejected value.

    Returns
    -------
    pydantic.AfterValidator

    Examples
    --------
    >>> from typing import Annotated
    >>> class M(Frozen):
    ...     name: Annotated[str, matches(NAME_PATTERN, "naam {value!r} moet snake_case zijn")]
    >>> M(name="wijk_1").name
    'wijk_1'
    """

    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(message.format(value=value))
        return value

    return AfterValidator(check)
