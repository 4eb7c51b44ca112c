"""Point catalogue source references into the source documents instead of the English extraction (issue #18.7).

Entries of catalogue 001 (Inspiratieboek) that cited only ``extractie §...`` get the chapter of the book (with its
page, as the book numbers it) and the lines of the seed text (``r. a-b`` in ``001_*.txt``) where the entry's terms
occur; the eleven problem domains of 003 get the sections of the handbook they are drawn from. The script rewrites
only the ``source: {section: ...}`` lines, so the rest of the YAML stays as it is. Run from the project root::

    python scripts/catalogue_source_sections.py            # rewrite
    python scripts/catalogue_source_sections.py --check    # only report what would change

Heuristics (reviewed by hand on a sample, see the commit): actor types and phenomena are looked up by their Dutch
terms (``naamvarianten``, ``termen``, name); signals, tips, success factors and bottlenecks by the best-matching
window of lines inside the chapter(s) the entry already names (word-stem overlap with name and description).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "wijklib" / "catalogue" / "data"
SEEDS = ROOT.parent / "shared" / "domain" / "seeds"

#: (first line, label as the catalogue names the chapter, page in the book, approach code) of 001, in book order
CHAPTERS_001 = [
    (1, "Inleiding", None, "inleiding"),
    (226, "H1 De Integrale familieaanpak", 7, "A01"),
    (450, "H2 Aanpak Nypels", 10, "A02"),
    (725, "H3 Knock and talk", 14, "A03"),
    (971, "H4 Aanpak Nieuwe aanwas Nieuwland", 17, "A04"),
    (1244, "H5 De Wijkrechtbank", 20, "A05"),
    (1527, "H6 Aanpak Glanerbrug", 23, "A06"),
    (1755, "H7 Back on Track", 26, "A07"),
    (2032, "CCV Project: Veilig buitengebied", 29, "A08"),
    (2465, "CCV Project: mobiel banditisme", 33, "A09"),
    (2901, "CCV Project: Integrale werkwijze ongestructureerde problemen", 37, "A10"),
]
#: the short chapter names used in the old references -> approach code
_OLD_NAMES = {"inleiding": "inleiding", "h1": "A01", "h2": "A02", "h3": "A03", "h4": "A04", "h5": "A05", "h6": "A06",
              "h7": "A07", "ccv veilig buitengebied": "A08", "ccv mobiel banditisme": "A09",
              "ccv ongestructureerde": "A10", "ccv integrale werkwijze": "A10"}
_STOP = {"wordt", "worden", "zijn", "door", "voor", "maar", "onder", "andere", "wijk", "wijken", "deze", "heeft",
         "hebben", "kunnen", "bijvoorbeeld", "zoals", "tussen", "omdat", "waar", "wanneer", "meer", "veel", "geen",
         "over", "niet", "naar", "bij", "mensen", "aanpak", "gemeente", "eigen", "elkaar", "komen", "blijft"}


def _chapter_of(line_no: int) -> int:
    idx = 0
    for i, (start, *_rest) in enumerate(CHAPTERS_001):
        if line_no >= start:
            idx = i
    return idx


def _chapter_range(idx: int, n_lines: int) -> tuple[int, int]:
    start = CHAPTERS_001[idx][0]
    end = CHAPTERS_001[idx + 1][0] - 1 if idx + 1 < len(CHAPTERS_001) else n_lines
    return start, end


def _label(idx: int) -> str:
    _, name, page, _ = CHAPTERS_001[idx]
    return f"{name} (p. {page})" if page else name


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-zà-ÿ]{5,}", text.lower())
    return {w[:6] for w in words if w not in _STOP}


def _best_window(lines: list[str], start: int, end: int, stems: set[str], width: int = 6) -> tuple[int, int, int]:
    """(score, first, last) of the window of ``width`` lines in [start, end] with most stems in common."""
    best = (0, start, min(start + width - 1, end))
    line_stems = {n: _stems(lines[n - 1]) for n in range(start, end + 1)}
    for a in range(start, max(start, end - width + 1) + 1):
        got = set().union(*(line_stems.get(n, set()) for n in range(a, min(a + width, end + 1))))
        score = len(got & stems)
        if score > best[0]:
            best = (score, a, min(a + width - 1, end))
    return best


def _term_hits(lines: list[str], terms: list[str]) -> dict[int, list[int]]:
    """Chapter index -> line numbers where one of the terms occurs."""
    pats = [re.compile(r"(?<![a-zà-ÿ])" + re.escape(t.lower()).replace(r"\ ", r"\s+"), re.I) for t in terms if t]
    out: dict[int, list[int]] = {}
    for n, line in enumerate(lines, start=1):
        if any(p.search(line) for p in pats):
            out.setdefault(_chapter_of(n), []).append(n)
    return out


def _chapters_named(section: str, bron) -> list[int]:
    """Chapter indexes named in an old reference (before the extraction part) or in the ``bron`` attribute."""
    codes = []
    if bron:
        codes += [bron] if isinstance(bron, str) else list(bron)
    head = section.split("(extractie")[0].split("(Extractie")[0].lower()
    for part in re.split(r"[;,]", head):
        part = part.strip()
        for key, code in _OLD_NAMES.items():
            if part.startswith(key):
                codes.append(code)
                break
    by_code = {c[3]: i for i, c in enumerate(CHAPTERS_001)}
    return list(dict.fromkeys(by_code[c] for c in codes if c in by_code))


def _fmt_hits(hits: dict[int, list[int]], limit: int = 4) -> str:
    ranked = sorted(hits.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    parts = []
    for idx, nums in sorted(ranked):
        nums = sorted(nums)
        parts.append(f"{_label(idx)}, r. {nums[0]}" + (f"-{nums[-1]}" if nums[-1] != nums[0] else ""))
    extra = len(hits) - len(ranked)
    return "; ".join(parts) + (f"; en {extra} andere hoofdstuk(ken)" if extra > 0 else "")


def new_sections_001() -> dict[str, str]:
    data = yaml.safe_load((DATA / "001_inspiratieboek.yaml").read_text(encoding="utf-8"))
    seed = next(SEEDS.glob("001_*.txt"))
    lines = seed.read_text(encoding="utf-8").splitlines()
    entries = data["entries"]
    out: dict[str, str] = {}
    chapters_of_actor: dict[str, set[int]] = {}
    for e in entries:
        section = e["source"]["section"]
        if not re.search(r"xtracti", section, re.I):
            continue
        attrs = e.get("attributes") or {}
        kind = e["kind"]
        if kind in ("actortype", "fenomeen_ondermijning", "kwetsbaarheidsfactor"):
            terms = list(attrs.get("naamvarianten") or []) + list(attrs.get("termen") or [])
            name = re.sub(r"\(.*?\)", "", e["name_nl"]).strip()
            terms.append(name)
            hits = _term_hits(lines, terms)
            allowed = _chapters_named(section, attrs.get("bron"))
            if allowed and any(i in hits for i in allowed):
                hits = {i: v for i, v in hits.items() if i in allowed}
            if hits:
                out[e["id"]] = _fmt_hits(hits)
                if kind == "actortype":
                    chapters_of_actor[e["id"]] = set(hits)
                continue
        named = _chapters_named(section, attrs.get("bron"))
        if kind == "actorgroep":
            continue  # below, from its actor types
        stems = _stems(e["name_nl"] + " " + (e.get("description_nl") or ""))
        parts = []
        for idx in named or range(len(CHAPTERS_001)):
            start, end = _chapter_range(idx, len(lines))
            score, a, b = _best_window(lines, start, end, stems)
            parts.append((score, idx, a, b))
        if not named:  # no chapter named: keep the best chapter only
            parts = [max(parts)]
        out[e["id"]] = "; ".join(f"{_label(idx)}, r. {a}-{b}" if score >= 2 else _label(idx)
                                 for score, idx, a, b in sorted(parts, key=lambda p: p[1]))
    for e in entries:
        if e["kind"] == "actorgroep" and re.search(r"xtracti", e["source"]["section"], re.I):
            members = [a["id"] for a in entries if a.get("parent") == e["id"]]
            chapters = sorted(set().union(*(chapters_of_actor.get(m, set()) for m in members)))
            names = ", ".join(CHAPTERS_001[i][1].split(" ")[0] if CHAPTERS_001[i][1].startswith("H")
                              else CHAPTERS_001[i][1] for i in chapters)
            out[e["id"]] = f"Hele boek: actoren van deze groep in {names}" if names else "Hele boek"
    return out


#: 003: the eleven problem domains are drawn from the urgency checklist and the first two chapters
SECTION_003_DOMAINS = ("§4.1, checklist 'Urgentie afwegen' (opstapeling van problemen); H1 en H2 (indeling in "
                       "domeinen door wijklib)")


def new_sections_003() -> dict[str, str]:
    data = yaml.safe_load((DATA / "003_praktijkhandboek.yaml").read_text(encoding="utf-8"))
    return {e["id"]: SECTION_003_DOMAINS for e in data["entries"]
            if re.search(r"xtracti", e["source"]["section"], re.I)}


def rewrite(path: Path, sections: dict[str, str], check: bool) -> int:
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    current = None
    changed = 0
    for n, line in enumerate(text):
        m = re.match(r"\s*-\s+id:\s*(\S+)", line)
        if m:
            current = m.group(1).strip("'\"")
            continue
        m = re.match(r"(\s*source:\s*)\{section:.*\}\s*$", line)
        if m and current in sections:
            new = f"{m.group(1)}{{section: {json.dumps(sections[current], ensure_ascii=False)}}}\n"
            if new != line:
                changed += 1
                if check:
                    print(f"{current}: {line.strip()} -> {new.strip()}")
                text[n] = new
    if not check:
        path.write_text("".join(text), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only print the changes")
    args = parser.parse_args(argv)
    n1 = rewrite(DATA / "001_inspiratieboek.yaml", new_sections_001(), args.check)
    n3 = rewrite(DATA / "003_praktijkhandboek.yaml", new_sections_003(), args.check)
    print(f"001: {n1} bronverwijzingen, 003: {n3} bronverwijzingen {'te wijzigen' if args.check else 'gewijzigd'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
