"""The validation report: one self-contained HTML page a reviewer reads offline.

No script, no external stylesheet, font or image: the CSS is inline and a
Content-Security-Policy forbids every fetch, so opening the page sends no
request. Every piece of text (article titles and text, values, even check
names) goes through :func:`html.escape`. The page is a pure function of the
result, with no clock in it, so the same dataset gives the same bytes.

Order: the summary first (status, counts, per-table figures and notes), then
every failed check with its counts and example rows (each linking to its
article and to the evidence), then all checks, then the articles cited.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path

from curation import __version__
from curation.errors import Errors, ValidationRunError
from curation.validate.core import CheckResult, Example, ValidationResult
from curation.write import write_file_atomic

_CSS = """
:root{--ok:#1b7f3b;--bad:#b3261e;--warn:#9a6700;--ink:#1f2328;--mute:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);
margin:0;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}.article h3{font-family:inherit}
h2{font-size:20px;margin:36px 0 12px;border-bottom:1px solid var(--line);
padding-bottom:6px}h3{font-size:16px;margin:0 0 6px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.status{display:inline-block;padding:6px 14px;border-radius:6px;color:#fff;font-weight:700;letter-spacing:.03em}
.status.pass{background:var(--ok)}.status.fail{background:var(--bad)}.status.quarantine{background:var(--warn)}
.lede{color:var(--mute);margin:4px 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--bg)}
.card .n{font-size:26px;font-weight:700}.card .l{color:var(--mute);font-size:13px}
.card.bad .n{color:var(--bad)}.card.warn .n{color:var(--warn)}.card.ok .n{color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:14px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;word-break:break-all}
.check{border:1px solid var(--line);border-left:6px solid var(--bad);border-radius:6px;padding:12px 16px;
margin:14px 0}
.check.warning{border-left-color:var(--warn)}
.tag{display:inline-block;font-size:12px;font-weight:700;padding:1px 8px;border-radius:10px;color:#fff;
background:var(--bad);margin-right:6px;vertical-align:middle}.tag.warning{background:var(--warn)}
.tag.ok{background:var(--ok)}
.meta{color:var(--mute);font-size:13px;margin:2px 0 8px}
mark{background:#ffe08a;padding:0 1px}
.evidence{white-space:pre-wrap}
.notes li{margin:4px 0}.error{color:var(--bad)}
.article{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0}
.article ul{margin:6px 0 0;padding-left:20px}
.article li{margin:6px 0}
.article li:target,.article:target{outline:3px solid #ffe08a}
details summary{cursor:pointer;color:var(--mute)}
footer{margin-top:40px;color:var(--mute);font-size:13px}
"""

# No fetch of any kind, no script; inline style only. Links stay clickable (navigation is not a fetch).
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _anchor(prefix: str, value: str) -> str:
    """An id attribute value: readable, limited to safe characters, made unique by a short hash."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", value)[:60]
    return f"{prefix}-{slug}-{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}"


def _article_anchor(article_id: str) -> str:
    return _anchor("article", article_id)


def _evidence_anchor(check: CheckResult, i: int) -> str:
    return _anchor("ev", f"{check.name}#{i}")


def _evidence_html(ex: Example) -> str:
    if ex.evidence is None:
        return '<span class="meta">no text to show</span>'
    if ex.span is None:
        return f'<span class="evidence">{_e(ex.evidence)}</span>'
    s, e = ex.span
    t = ex.evidence
    return f'<span class="evidence">{_e(t[:s])}<mark>{_e(t[s:e])}</mark>{_e(t[e:])}</span>'


def _summary(result: ValidationResult, title: str) -> list[str]:
    s = result.summary()
    ok = result.success
    if ok:
        status, cls = "PASSED", "pass"
    elif result.passes_after_quarantine:
        status, cls = "PASSED AFTER QUARANTINE", "quarantine"
    else:
        status, cls = "FAILED", "fail"
    out = [f"<h1>{_e(title)}</h1>", f'<p><span class="status {cls}" id="status">{status}</span></p>']
    if ok and s["failed_warnings"]:
        lede = f"Every blocking check holds; {s['failed_warnings']} warning check(s) did not."
    elif ok:
        lede = "Every check holds."
    elif result.passes_after_quarantine:
        lede = (f"{s['failed_blocking']} blocking check(s) failed on {s['rows_quarantined']} row(s) in all "
                "(counting the rows that depended on them). Those rows were moved to the quarantine table "
                "with the reason, not dropped; the tables as written pass every blocking check.")
    else:
        lede = (f"{s['failed_blocking']} blocking check(s) failed. curate run moves rows failing a blocking "
                "check to the quarantine table, never dropping them; a failure that is not about rows "
                "(a missing column, a wrong type) needs the dataset rebuilt.")
    out.append(f'<p class="lede">{_e(lede)}</p>')
    cards = [("checks", s["checks"], ""), ("passed", s["passed"], "ok"),
             ("failed (blocking)", s["failed_blocking"], "bad" if s["failed_blocking"] else "ok"),
             ("warnings", s["failed_warnings"], "warn" if s["failed_warnings"] else "ok"),
             ("rows quarantined", s["rows_quarantined"], "warn" if s["rows_quarantined"] else "ok")]
    out.append('<div class="cards">' + "".join(
        f'<div class="card {cls}"><div class="n">{n}</div><div class="l">{_e(label)}</div></div>'
        for label, n, cls in cards) + "</div>")
    version = _e(result.schema_version)
    written = _e(result.dataset_schema_version or "unknown")
    out.append(f'<p class="meta">Validated against schema version {version}; the dataset says it was written with '
               f"schema version {written}.</p>")
    if result.notes:
        out.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in result.notes) + "</ul>")
    by_table: dict[str, list[CheckResult]] = {}
    for c in result.checks:
        by_table.setdefault(c.table, []).append(c)
    rows = []
    for name, count in result.row_counts.items():
        checks = by_table.get(name, [])
        failed = [c for c in checks if not c.success]
        cell = "".join(f'<a href="#{_anchor("check", c.name)}"><code>{_e(c.name)}</code></a> ' for c in failed)
        rows.append(f"<tr><td><code>{_e(name)}</code></td><td class=\"num\">{count}</td>"
                    f"<td class=\"num\">{_e(result.quarantined.get(name, 0))}</td>"
                    f"<td>{_e(result.suites.get(name, '-'))}</td><td class=\"num\">{len(checks)}</td>"
                    f"<td class=\"num\">{len(failed)}</td><td>{cell or '-'}</td></tr>")
    out.append('<table id="tables"><thead><tr><th>table</th><th class="num">rows checked</th>'
               '<th class="num">moved to quarantine</th><th>suite version</th><th class="num">checks</th>'
               '<th class="num">failed</th><th>failed checks</th></tr></thead><tbody>' + "".join(rows)
               + "</tbody></table>")
    return out


def _failure(c: CheckResult, result: ValidationResult) -> str:
    kind = "blocking" if c.blocking else "warning"
    head = (f'<section class="check {kind}" id="{_anchor("check", c.name)}">'
            f'<h3><span class="tag {kind}">{kind}</span>{_e(c.name)}</h3>'
            f"<p>{_e(c.description)}</p>"
            f'<p class="meta">table <code>{_e(c.table)}</code>'
            + (f" · columns <code>{_e(', '.join(c.columns))}</code>" if c.columns else "")
            + f" · {_e(c.kind)}" + (f" · suite {_e(c.suite)}" if c.suite else "") + "</p>")
    parts = [head]
    if c.unexpected_count:
        parts.append(f'<p><strong class="count">{c.unexpected_count}</strong> of {c.n_rows} rows failed '
                     f"({c.unexpected_percent:.1f}%)"
                     + (f"; {len(c.examples)} shown below" if c.examples else "") + ".</p>")
    if c.error:
        parts.append(f'<p class="error">{_e(c.error)}</p>')
    if c.examples:
        parts.append('<table class="examples"><thead><tr><th>row</th><th>value</th><th>article</th>'
                     "<th>evidence</th></tr></thead><tbody>")
        for i, ex in enumerate(c.examples):
            art = result.articles.get(ex.article_id or "")
            if ex.article_id and art is not None:
                label = art.title or ex.article_id
                art_cell = (f'<a href="#{_article_anchor(ex.article_id)}">{_e(label)}</a>'
                            f'<br><code>{_e(ex.article_id)}</code>')
            else:
                art_cell = f"<code>{_e(ex.article_id)}</code>" if ex.article_id else "-"
            ev_link = (f'<br><a href="#{_evidence_anchor(c, i)}">evidence in article</a>'
                       if ex.article_id and art is not None and ex.evidence is not None else "")
            parts.append(f'<tr class="example"><td><code>{_e(ex.row_key)}</code></td><td><code>{_e(ex.value)}</code>'
                         f"</td><td>{art_cell}</td><td>{_evidence_html(ex)}{ev_link}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _all_checks(result: ValidationResult) -> str:
    rows = []
    for c in result.checks:
        state = ('<span class="tag ok">ok</span>' if c.success
                 else f'<span class="tag {"blocking" if c.blocking else "warning"}">failed</span>')
        rows.append(f"<tr><td><code>{_e(c.name)}</code></td><td>{_e(c.description)}</td><td>{_e(c.kind)}</td>"
                    f"<td>{'blocking' if c.blocking else 'warning'}</td><td>{state}</td>"
                    f'<td class="num">{c.unexpected_count}</td></tr>')
    return (f"<details><summary>Show all {len(result.checks)} checks</summary><table><thead><tr><th>check</th>"
            "<th>what it asks</th><th>kind</th><th>severity</th><th>result</th><th class=\"num\">failed rows</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></details>")


def _articles(result: ValidationResult) -> str:
    cited: dict[str, list[tuple[CheckResult, int, Example]]] = {}
    for c in result.failed:
        for i, ex in enumerate(c.examples):
            if ex.article_id in result.articles:
                cited.setdefault(ex.article_id, []).append((c, i, ex))
    parts = []
    for aid in sorted(cited):
        a = result.articles[aid]
        url = ""
        if a.url and re.match(r"https?://", a.url):
            # Only web links: a javascript: or data: URL in the data must not become a link.
            url = f' · <a href="{_e(a.url)}" rel="noreferrer noopener">{_e(a.url)}</a>'
        elif a.url:
            url = f" · <code>{_e(a.url)}</code>"
        items = "".join(
            f'<li id="{_evidence_anchor(c, i)}"><a href="#{_anchor("check", c.name)}"><code>{_e(c.name)}</code></a>'
            f" <code>{_e(ex.row_key)}</code><br>{_evidence_html(ex)}</li>" for c, i, ex in cited[aid])
        parts.append(f'<section class="article" id="{_article_anchor(aid)}"><h3>{_e(a.title or "(no title)")}</h3>'
                     f'<p class="meta"><code>{_e(aid)}</code> · {_e(a.publisher or "publisher unknown")} · '
                     f'published {_e(a.published or "unknown")} · source <code>{_e(a.source)}</code>{url}</p>'
                     f"<ul>{items}</ul></section>")
    return "".join(parts) or "<p>No article is cited by a failed check.</p>"


def summary_lines(result: ValidationResult) -> list[str]:
    """The report's summary as plain text lines, for a terminal."""
    s = result.summary()
    state = "PASSED" if result.success else "PASSED AFTER QUARANTINE" if result.passes_after_quarantine else "FAILED"
    lines = [f"validation {state}: {s['checks']} checks, {s['passed']} passed, "
             f"{s['failed_blocking']} blocking failed, {s['failed_warnings']} warning(s); "
             f"{s['rows_quarantined']} row(s) in quarantine"]
    for c in result.failed:
        what = f"{c.unexpected_count} of {c.n_rows} rows" if c.unexpected_count else (c.error or "failed")
        lines.append(f"  {'FAIL' if c.blocking else 'WARN'} {c.name}: {what} - {c.description}")
    return lines


def write_report(result: ValidationResult, path: Path) -> None:
    """Write the HTML report to ``path`` (UTF-8)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, render_report(result).encode("utf-8"))
    except OSError as exc:
        raise ValidationRunError(Errors.E063.format(path=path, detail=exc.strerror or exc)) from exc


def render_report(result: ValidationResult, *, title: str = "Validation report") -> str:
    """The report as one self-contained HTML document (deterministic: no clock, sorted content)."""
    failed = result.failed
    body = [*_summary(result, title)]
    body.append(f'<h2 id="failures">Failed checks ({len(failed)})</h2>')
    body.append("".join(_failure(c, result) for c in failed) or "<p>None: every check holds.</p>")
    body.append('<h2 id="checks">All checks</h2>')
    body.append(_all_checks(result))
    body.append('<h2 id="articles">Articles cited</h2>')
    body.append(_articles(result))
    suites = ", ".join(f"{n} {v}" for n, v in sorted(result.suites.items()))
    body.append(f"<footer>Generated by curation {_e(__version__)} from the schema declarations; suites: "
                f"{_e(suites)}.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body><main>"
            + "\n".join(body) + "</main></body></html>\n")
