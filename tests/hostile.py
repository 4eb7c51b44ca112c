"""A corpus of hostile and personal free text, and hostile copies of the demo inputs (issue #13 items 1, 3, 4).

Every payload that would run script calls ``alert(...)`` (a dialog) or sets ``window.__wl_pwned``; a browser test
that opens a page built from these inputs must see neither. The personal-data signal holds a resident's name,
address, postcode, phone number and e-mail address, none of which may reach a report, map or index.

Used by ``tests/test_privacy.py`` and ``tests/browser/test_hostile_in_browser.py``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"

#: Buurt Merelhof (not small): its report shows signal texts; the survey copy leaves it 2 respondents.
NORMAL = "BU99010201"

#: Hostile free text: script, event handlers, javascript: links, attribute breakouts, Jinja, CSS url().
HOSTILE: tuple[str, ...] = (
    '<script>alert("wl1");window.__wl_pwned=1</script>',
    '<img src=x onerror="alert(\'wl2\');window.__wl_pwned=2">',
    '<svg onload="alert(\'wl3\')"><circle r=5></circle></svg>',
    '<a href="javascript:alert(\'wl4\')" id="wl-js-link">klik hier</a>',
    '"><script>alert("wl5")</script><b x="',
    "'><img src=x onerror=alert('wl6')>",
    "</style></textarea></title><script>alert('wl7')</script>",
    "{{ 7*7 }} {% for x in range(3) %}wl8{% endfor %} ${alert('wl8')}",
    "overlast achter url(https://example.invalid/wl9.png) en @import 'https://example.invalid/wl9.css';",
    '<div style="background:url(https://example.invalid/wl10.png)">achtergrond</div>',
    '<iframe src="javascript:alert(\'wl11\')"></iframe>',
    '<details open ontoggle="alert(\'wl12\')">x</details>',
)

#: Strings that identify the resident of :data:`PERSONAL_SIGNAL`; none may appear in shared output.
PERSONAL_VALUES: tuple[str, ...] = ("Zeynep", "Yilmaz", "Merelhof 12", "06-12345678", "1234 AB",
                                    "zeynep.yilmaz@example.nl", "Karel Smit")
PERSONAL_SIGNAL = ("Bewoonster Zeynep Yilmaz, Merelhof 12, 1234 AB, belt steeds over overlast (06-12345678, "
                   "zeynep.yilmaz@example.nl); de avond was voorgezeten door Karel Smit.")


def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def hostile_signals(path: Path, code: str = NORMAL, per_text: int = 6) -> Path:
    """The demo signals plus, for ``code``, the personal-data signal (newest) and the hostile texts packed
    ``per_text`` to a signal (next newest), so that a report showing the three newest texts shows them all; the
    hostile signals have hostile source roles too."""
    header, rows = _csv_rows(DEMO / "signalen.csv")
    packed = [" ".join(HOSTILE[i:i + per_text]) for i in range(0, len(HOSTILE), per_text)]
    extra = [("wijkagent Jansen", PERSONAL_SIGNAL)] + [(HOSTILE[i % len(HOSTILE)], t) for i, t in enumerate(packed)]
    for i, (role, text) in enumerate(extra):
        rows.append({"id": f"SGX{i:02d}", "datum": f"2024-12-{30 - i:02d}", "buurtcode": code,
                     "thema": rows[0]["thema"], "bronrol": role, "tekst": text})
    return _write_csv(path, header, rows)


def small_survey(path: Path, code: str = NORMAL, keep: int = 2) -> Path:
    """The demo survey with only ``keep`` respondents left in buurt ``code``."""
    header, rows = _csv_rows(DEMO / "enquete.csv")
    kept: list[str] = []
    out = []
    for r in rows:
        if r["buurtcode"] == code:
            if r["respondent"] not in kept:
                if len(kept) >= keep:
                    continue
                kept.append(r["respondent"])
        out.append(r)
    return _write_csv(path, header, out)


def hostile_quickscan(path: Path) -> Path:
    """The demo quickscan answers with hostile remarks (``toelichting``) and one hostile respondent code."""
    header, rows = _csv_rows(DEMO / "quickscan" / "antwoorden.csv")
    for i, r in enumerate(rows):
        if i < len(HOSTILE) * 3:
            r["toelichting"] = HOSTILE[i % len(HOSTILE)]
    first = rows[0]["respondent"]
    for r in rows:
        if r["respondent"] == first:
            r["respondent"] = "<svg/onload=alert('wlR')>"  # one word, no @: passes the quickscan's code check
    return _write_csv(path, header, rows)


def hostile_interventions(path: Path) -> Path:
    """The demo's own interventions with hostile names and descriptions."""
    import yaml

    data = yaml.safe_load((DEMO / "quickscan" / "eigen_interventies.yaml").read_text(encoding="utf-8"))
    for i, item in enumerate(data["interventies"]):
        item["naam"] = f"Eigen {i} {HOSTILE[i % len(HOSTILE)]}"
        item["omschrijving"] = HOSTILE[(i + 1) % len(HOSTILE)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def hostile_tracker(folder: Path, code: str = "WK990102") -> Path:
    """A copy of the demo tracker folder where every ``notities`` of ``code`` is a hostile text."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((DEMO / "tracker" / f"{code}.yaml").read_text(encoding="utf-8"))
    i = 0
    for spoor in data.get("sporen", {}).values():
        for step in (spoor.get("stappen") or {}).values():
            if isinstance(step, dict):
                step["notities"] = HOSTILE[i % len(HOSTILE)]
                i += 1
    (folder / f"{code}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    return folder


def leaked(text: str) -> list[str]:
    """The personal values of :data:`PERSONAL_SIGNAL` found in ``text`` (empty when clean)."""
    return [v for v in PERSONAL_VALUES if v.casefold() in text.casefold()]
