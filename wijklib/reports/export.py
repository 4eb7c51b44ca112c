"""Export an executed report notebook to offline HTML without code, and optionally to PDF with headless Chromium.

HTML: nbconvert's :class:`~nbconvert.HTMLExporter` with ``exclude_input`` (= ``--no-input``) and wijklib's template
``templates/rapport/nbconvert_rapport`` (extends ``lab``, drops require.js, MathJax, Mermaid and the widget
manager, which nbconvert would otherwise load from CDNs). :func:`offline_html` then checks the page for external
resources, removes any remaining CDN ``<script>``/``<link>`` tags, and refuses a page that would still load
something from the internet. Images are inline (``data:`` URIs), so one HTML file is the whole report.

PDF: ``chromium --headless --print-to-pdf`` of the HTML file (static maps only, so nothing depends on JavaScript).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from wijklib._offline import external_urls
from wijklib.reports._util import TEMPLATE_DIR, atomic_write_bytes, atomic_write_text

__all__ = ["html_exporter", "export_html", "offline_html", "external_resources", "find_chromium", "html_to_pdf",
           "OfflineHTMLError", "NBCONVERT_TEMPLATE"]

#: nbconvert template folder of the reports.
NBCONVERT_TEMPLATE = TEMPLATE_DIR / "nbconvert_rapport"

_CDN_TAGS = (
    re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I),
    re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I),
)


class OfflineHTMLError(RuntimeError):
    """The exported report would still load files from the internet."""


#: URLs of external resources a page would load (scripts, stylesheets, media, frames, CSS ``url()``).
external_resources = external_urls

_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _strip_css_comments(html: str) -> str:
    return _STYLE_BLOCK.sub(lambda m: m.group(1) + _CSS_COMMENT.sub("", m.group(2)) + m.group(3), html)


def offline_html(html: str) -> str:
    """Remove CDN ``<script src>`` and ``<link href>`` tags (require.js, MathJax, ...) and CSS comments (the lab
    theme's comments cite web pages), and check that nothing external is left.

    Raises
    ------
    OfflineHTMLError
        When a resource remains that cannot simply be dropped (an image or CSS ``url()`` on the internet).
    """
    html = _strip_css_comments(html)
    if not external_resources(html):
        return html
    for pat in _CDN_TAGS:
        html = pat.sub("", html)
    left = external_resources(html)
    if left:
        raise OfflineHTMLError("het rapport laadt nog bestanden van internet: " + ", ".join(left[:5]))
    return html


_START_TAG = re.compile(r"<(img|div)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(\s*/?)>", re.I)
_CLASS_ATTR = re.compile(r"\bclass\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_TABINDEX_ATTR = re.compile(r"(\btabindex\s*=\s*)(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_ALT_ATTR = re.compile(r"\balt\s*=", re.I)
_NO_ALT = "No description has been provided for this image"
_FOCUSABLE = ("jp-Cell-inputWrapper", "jp-OutputArea-output")


def _accessibility_pass(html: str) -> tuple[str, int]:
    """What nbconvert's HTMLExporter does with a BeautifulSoup round trip, in one regular-expression pass.

    Images without ``alt`` get nbconvert's placeholder text; cell input wrappers and outputs get ``tabindex="0"``
    (the attribute added last, as BeautifulSoup would). Returns the page and the number of images without alt.
    """
    missing = 0
    focus_ok = "jp-Notebook" in html

    def fix(m: "re.Match[str]") -> str:
        nonlocal missing
        tag, attrs, end = m.group(1), m.group(2), m.group(3)
        if tag.lower() == "img":
            if _ALT_ATTR.search(attrs):
                return m.group(0)
            missing += 1
            return f'<{tag}{attrs} alt="{_NO_ALT}"{end}>'
        cls = _CLASS_ATTR.search(attrs)
        if not focus_ok or cls is None or not set((cls.group(1) or cls.group(2) or "").split()) & set(_FOCUSABLE):
            return m.group(0)
        if _TABINDEX_ATTR.search(attrs):
            return f"<{tag}{_TABINDEX_ATTR.sub(lambda t: t.group(1) + chr(34) + '0' + chr(34), attrs, count=1)}{end}>"
        return f'<{tag}{attrs} tabindex="0"{end}>'

    return _START_TAG.sub(fix, html), missing


def html_exporter() -> Any:
    """An HTMLExporter for the reports (construct once per process and reuse: it caches the template).

    It renders the page in one pass: nbconvert's own HTMLExporter parses the finished page again with
    BeautifulSoup only to add ``alt`` texts and ``tabindex`` attributes (about half of the export time) and
    validates the notebook after every preprocessor; this one adds the same attributes with one regular
    expression (:func:`_accessibility_pass`) and skips the repeated validation of a notebook it made itself.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class OnePassHTMLExporter(HTMLExporter):
        def _validate_preprocessor(self, nbc: Any, preprocessor: Any) -> None:
            return None

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[Any, dict[str, Any]]:
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html, missing = _accessibility_pass(html)
            if missing:
                self.log.warning("Alternative text is missing on %s image(s).", missing)
            return html, resources

    return OnePassHTMLExporter(extra_template_basedirs=[str(NBCONVERT_TEMPLATE.parent)],
                               template_name=NBCONVERT_TEMPLATE.name, exclude_input=True, exclude_input_prompt=True,
                               exclude_output_prompt=True)


def _strip_for_report(nb: Any) -> tuple[Any, int]:
    """Drop stderr streams (warnings) from what readers see; return the notebook and how many were dropped."""
    dropped = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                dropped += 1
                continue
            keep.append(o)
        cell["outputs"] = keep
    return nb, dropped


def export_html(nb: Any, target: str | Path, *, title: str | None = None, exporter: Any = None) -> tuple[Path, int]:
    """Write the report HTML of an executed notebook atomically; return (path, number of dropped stderr outputs).

    The notebook object is not changed.
    """
    import copy

    exporter = exporter or html_exporter()
    nb = copy.deepcopy(nb)
    nb, dropped = _strip_for_report(nb)
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"language_code": "nl"})
    body = offline_html(body)
    return atomic_write_text(Path(target), body), dropped


def find_chromium() -> str | None:
    """Path of a headless-capable Chromium/Chrome: ``$WIJKLIB_CHROMIUM``, the usual names on PATH, then the
    Chromium of the ``pdf`` extra (Playwright)."""
    env = os.environ.get("WIJKLIB_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    """Chromium of the ``pdf`` extra (Playwright), when it is installed and its browser was downloaded."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no driver or no browser downloaded
        return None
    return path if path and Path(path).exists() else None


def html_to_pdf(html_path: str | Path, pdf_path: str | Path, *, chromium: str | None = None,
                timeout: float = 180) -> Path:
    """Print an HTML file to PDF with headless Chromium, atomically (temporary file, then rename).

    Raises
    ------
    RuntimeError
        No Chromium found, or Chromium failed (with its message).
    """
    exe = chromium or find_chromium()
    if not exe:
        raise RuntimeError("geen Chromium gevonden voor PDF; installeer het extra 'pdf' (pip install 'wijklib[pdf]', "
                           "daarna python -m playwright install chromium) of het systeempakket chromium, of zet "
                           "WIJKLIB_CHROMIUM op het pad van Chromium")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".tmp")
    os.close(fd)
    profile = tempfile.mkdtemp(prefix="wijklib-chromium-")
    cmd = [exe, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
           "--disable-extensions", "--disable-background-networking", "--no-pdf-header-footer",
           f"--user-data-dir={profile}", f"--print-to-pdf={tmp}", html_path.as_uri()]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        data = Path(tmp).read_bytes() if Path(tmp).exists() else b""
        if proc.returncode != 0 or not data.startswith(b"%PDF"):
            raise RuntimeError(f"Chromium maakte geen PDF (code {proc.returncode}): "
                               + (proc.stderr.strip().splitlines() or ["geen uitvoer"])[-1][:300])
        atomic_write_bytes(pdf_path, data)
    finally:
        Path(tmp).unlink(missing_ok=True)
        shutil.rmtree(profile, ignore_errors=True)
    return pdf_path
