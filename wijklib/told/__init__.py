"""Told data: resident surveys, neighbourhood walks (*schouw*) and signals from professionals.

"Counted" data (CBS figures) say how a buurt scores on registered facts; "told" data say how residents and
professionals experience it. This module reads the three kinds of told data that a wijkaanpak typically
collects, validates them strictly (every problem is reported as :class:`wijklib.errors.InputError` naming file,
row and column, in Dutch) and returns tidy tables keyed by CBS buurt code.

Three input kinds
-----------------
Resident survey (*enquête*)
    Long format, one row per answer: ``buurtcode``, ``respondent``, ``thema`` and/or ``vraag``, ``score``,
    ``datum`` (see :data:`ENQUETE_KOLOMMEN`). Scores are on a documented scale (default 1-5, higher is always
    more positive; negatively phrased questions must be reversed, see :data:`STANDAARD_VRAGEN`).
    KoboToolbox/ODK CSV or XLSX exports (wide, one row per respondent, group prefixes such as ``groep/vraag``,
    meta columns ``_uuid``, ``_submission_time``, ``_index``) are converted by :func:`read_kobo_survey`.
    :func:`aggregate_survey` gives mean and n per buurt and theme and flags small n as unreliable.
Neighbourhood walk (*schouw*)
    Points with ``categorie``, ``ernst`` (1-3 by default, or 1-5), ``datum`` and an optional ``bijschrift``
    (photo caption), read by :func:`read_schouw` from GeoJSON (``[lon, lat]``), from CSV/XLSX with
    ``lat``/``lon`` columns, or from a Kobo/ODK geopoint column (``"lat lon alt precision"``: latitude first!).
    Coordinates outside the Netherlands, and swapped latitude/longitude, are refused with a clear message.
    Points are assigned to buurten by a spatial join (:func:`assign_buurten`).
Signals from professionals (*signalen*)
    ``tekst``, ``thema``, ``buurtcode``, ``datum``, ``bronrol`` (a role such as ``wijkagent``, never a person's
    name). A column that looks like a person-name field is refused (:func:`read_signals`).

Privacy rules (issue #13)
    Consent: a column ``consent``/``toestemming`` (also in a group, or an XLSForm consent question with
    "toestemming"/"consent" in its name) is read first; respondents without a "ja" (empty counts as no) are left
    out before anything is computed, with a warning and ``attrs["zonder_toestemming"]`` (the number excluded).
    Respondent codes that look like a name, e-mail address or phone number are refused
    (:func:`check_respondent_code`). Small numbers: :func:`aggregate_survey` withholds means of fewer than
    :data:`MIN_N` respondents (shown as :data:`TE_WEINIG`), so no report, CSV, map or table can show them.

Input templates (CSV and XLSX with a Dutch explanation sheet) are generated from the same column specifications
that the loaders check, by :func:`write_templates`, so templates and loaders cannot drift apart.
"""

from __future__ import annotations

from ._common import (  # noqa: F401
    check_no_person_columns,
)
from .kobo import (  # noqa: F401
    read_kobo_survey,
    kobo_to_long,
)
from .schouw import (  # noqa: F401
    read_schouw,
    parse_geopoint,
    check_nl_coordinates,
    assign_buurten,
    aggregate_schouw,
)
from .signals import (  # noqa: F401
    read_signals,
    aggregate_signals,
)
from .spec import (  # noqa: F401
    ColumnSpec,
    Vraag,
    ENQUETE_KOLOMMEN,
    SCHOUW_KOLOMMEN,
    SIGNAAL_KOLOMMEN,
    ENQUETE_THEMAS,
    STANDAARD_VRAGEN,
    SCHOUW_CATEGORIEEN,
    ERNST_SCHALEN,
    SIGNAAL_THEMAS,
    BRONROLLEN,
    LIKERT_LABELS,
    NL_BBOX,
    MIN_N,
    TE_WEINIG,
)
from .survey import (  # noqa: F401
    CONSENT_KOLOMMEN,
    check_respondent_code,
    read_survey,
    aggregate_survey,
)
from .templates import (  # noqa: F401
    write_templates,
    write_xlsform,
    _save_workbook,
)

__all__ = [
    "ColumnSpec",
    "Vraag",
    "ENQUETE_KOLOMMEN",
    "SCHOUW_KOLOMMEN",
    "SIGNAAL_KOLOMMEN",
    "ENQUETE_THEMAS",
    "STANDAARD_VRAGEN",
    "SCHOUW_CATEGORIEEN",
    "ERNST_SCHALEN",
    "SIGNAAL_THEMAS",
    "BRONROLLEN",
    "LIKERT_LABELS",
    "NL_BBOX",
    "MIN_N",
    "TE_WEINIG",
    "CONSENT_KOLOMMEN",
    "check_respondent_code",
    "read_survey",
    "read_kobo_survey",
    "kobo_to_long",
    "aggregate_survey",
    "read_schouw",
    "parse_geopoint",
    "check_nl_coordinates",
    "assign_buurten",
    "aggregate_schouw",
    "read_signals",
    "aggregate_signals",
    "check_no_person_columns",
    "write_templates",
    "write_xlsform",
]
