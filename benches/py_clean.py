#!/usr/bin/env python3
"""A straightforward Python cleaner: the baseline that `clean` is benchmarked against.

    python3 benches/py_clean.py IN/ OUT/ [--jobs N] [--quiet] [--lossy]

It does the same kind of work as `clean` on the scraped Vietnamese news pages of the corpus
(see ../shared/golden-reference/README.md): every file under IN is read, cleaned with line rules
and written to the same relative path under OUT. It is meant to be an honest, reasonable
implementation, the one a competent Python programmer would write in an afternoon, not a
deliberately slow one:

  * all regexes are compiled once at import (the worker processes inherit them via fork);
  * one process per core (multiprocessing.Pool, `--jobs`, default os.cpu_count()), files handed
    out in chunks with imap_unordered;
  * each document is read in one go, decoded once, normalised once (NFC has a fast path for text
    that is already NFC), split into lines once, and written in one write.

The steps, per document:
  1. decode UTF-8 (a document with invalid UTF-8 is reported and skipped, as `clean` does; with
     --lossy it is decoded with errors='replace' and cleaned, like `clean --lossy`), strip a BOM,
     CRLF / CR -> LF, Unicode NFC, strip trailing whitespace on every line;
  2. footer: cut from the first whole-line marker ("Tin khác cùng chuyên mục", "BÀI VIẾT LIÊN
     QUAN", "Đọc thêm", "Tin tức liên quan:", ...) that lies past 25% of the lines, or after 3
     paragraphs of more than 200 characters, to the end;
  3. header: drop leading lines that are breadcrumbs, banners, site labels, dates or bylines;
  4. sidebar, anywhere: date lines, bylines with a date, "- headline (19:43)" list items, "-" +
     headline pairs, "enlightened..." link lines, "11 giờ trước Tin tức mới nhất" lines,
     "Headline Site24h - summary" teasers, banners, share buttons, "Tin đọc nhiều"-style labels;
  5. trailing attributions: "Theo X (site.vn)", "X tổng hợp", "Nguồn: X" at the very end;
  6. inline: a leading "Site24h - " dateline and a leading "dd/mm/yyyy hh:mm" timestamp are cut
     from a kept line;
  7. layout: runs of blank lines become one, no blank line at either end, exactly one final
     newline; a document with nothing left becomes an empty file.

Files that cannot be read, decoded or written are skipped with a message on stderr. The exit status is 0 when every
document went through cleanly, 1 when some were reported (the same convention as `clean`), 2 on
a usage error.
"""
import argparse
import os
import re
import sys
import unicodedata
from multiprocessing import Pool

# --------------------------------------------------------------------------- rules
# 28 regexes in all (the blank-run collapse included), compiled at import. Every rule is matched
# with .match() against the line stripped of surrounding whitespace; the patterns bound their
# repetitions so that lines of hundreds of KB cost no more than a scan.

I = re.IGNORECASE
WORDS = r"[^\W\d_]+(?: [^\W\d_]+){0,4}"          # one to five words of letters
WEEKDAY = r"(?:Thứ (?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|Chủ nhật)"
DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
CLOCK = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?"
AGO = r"(?:\d+|một) (?:giây|phút|giờ|ngày|tuần|tháng) trước"
SITE = r"(?:[A-Z][\w-]*24h|[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org))"

# Lines dropped only while they lead the document (before the first kept line).
HEADER_RULES = [
    # breadcrumb / category: "Thời sự, Xã hội", "Công nghệ", "Kinh doanh > Tài chính"
    re.compile(rf"(?=.{{1,40}}$){WORDS}(?:\s*[,>»/|]\s*{WORDS}){{0,4}}$"),
    # site labels above the article
    re.compile(r"(?:(?:Background|Logo) .{1,40}|Trang chủ|Home)$", I),
    # a "Trang chủ > ..." navigation path
    re.compile(r".{1,60}(?:\s[>»]\s.{1,60}){1,6}$"),
    # a "Cập nhật: ..." / "Đăng lúc: ..." stamp
    re.compile(rf"(?:Cập nhật|Đăng lúc|Ngày đăng|Xuất bản)\s*:?\s*.{{0,20}}{DATE}.{{0,30}}$", I),
]

# Lines dropped wherever they are.
SIDEBAR_RULES = [
    # date lines: "Thứ năm, 13/04/2023, 10:59 (GMT + 7)", "07/12/2023 3:59 CH", "ngày 5/12/2023"
    re.compile(rf"(?:{WEEKDAY},?\s*)?(?:ngày\s*)?{DATE}(?:\s*[,-]?\s*{CLOCK})?"
               r"(?:\s*\(?GMT\s*[+-]\s*\d{1,2}\)?)?$", I),
    # a bare clock time or "3 giờ trước"
    re.compile(rf"(?:{CLOCK}|{AGO})$", I),
    # byline with a date: "Hoàng Hải - Thứ Năm, 07/12/2023 3:59 CH"
    re.compile(rf"[^\W\d_][\w.' ]{{1,40}} [-–|] (?:{WEEKDAY},?\s*)?{DATE}.{{0,40}}$", I),
    # byline label: "Tác giả: X", "Bởi X"
    re.compile(r"(?:Tác giả|Bởi|Phóng viên|PV)\s*:?\s+[^\W\d_][\w.' ]{1,40}$", I),
    # "- headline (19:43)", "- headline (57 phút trước)"
    re.compile(rf"[-•*] .{{5,400}}\((?:{CLOCK}|{AGO})\)$", I),
    # "enlightenedHeadline" link lines
    re.compile(r"enlightened\S"),
    # "11 giờ trước Tin tức mới nhất"
    re.compile(rf"{AGO}\s+Tin (?:tức )?mới nhất$", I),
    # teaser "Headline Vietnet24h - summary"
    re.compile(rf".{{10,300}}? {SITE} [-–] \S"),
    # banners and ad slots
    re.compile(r"(?:banner|quảng cáo|advertisement|ads?)$", I),
    # box labels that are not footer markers
    re.compile(r"(?:Tin đọc nhiều|Đọc nhiều nhất|Tin mới nhất|Tin nổi bật|Xem nhiều nhất|Tin mới)$", I),
    # share / comment buttons
    re.compile(r"(?:Chia sẻ|Share|Facebook|Twitter|Zalo|In bài|Lưu bài|Gửi bài)"
               r"(?:\s*[|/·]\s*(?:Chia sẻ|Share|Facebook|Twitter|Zalo|In bài|Lưu bài|Gửi bài))*$", I),
    # tag lines
    re.compile(r"(?:Tags?|Từ khóa|Chủ đề)\s*:.{0,300}$", I),
]

# A lone "-" (or bullet) opens a "-" + headline pair: both lines go.
DASH_ITEM = re.compile(r"[-•*]$")

# Footer markers: the document is cut from the first one past 25% of the lines, to the end.
FOOTER_MARKERS = [
    re.compile(r"Tin (?:khác )?cùng (?:chuyên mục|danh mục)\s*:?$", I),
    re.compile(r"(?:Bài viết|Tin tức|Tin|Bài|Các tin) (?:liên quan|khác)\s*:?$", I),
    re.compile(r"(?:Đọc thêm|Xem thêm|Đọc tiếp|Có thể bạn quan tâm|Bạn có thể quan tâm)\s*:?$", I),
    re.compile(r"(?:Bình luận|Ý kiến bạn đọc|Gửi bình luận|Ý kiến)(?: \(\d+\))?\s*:?$", I),
]
FOOTER_MIN_FRACTION = 0.25
FOOTER_BODY_LINES, FOOTER_BODY_LINE = 3, 200  # ... or once 3 lines of > 200 chars came before it

# Attributions dropped from the end of the document (repeatedly, skipping blank lines).
TRAILING_RULES = [
    # "Theo Mạnh Kiên (Nguoiduatin.vn)"
    re.compile(r"Theo [^()\n]{1,80} \((?:[\w-]+\.)+[a-z]{2,}\)$", I),
    # "Theo VnExpress.net", "Theo Dân trí"
    re.compile(rf"Theo (?:{SITE}|[^\W\d_]+(?: [^\W\d_]+){{0,2}})$", I),
    # "VIC Crypto tổng hợp", "Minh Anh (lược dịch)"
    re.compile(r".{1,50} \(?(?:tổng hợp|lược dịch|biên dịch)\)?$", I),
    # "Nguồn: Reuters", "(Nguồn: SCMP)"
    re.compile(r"\(?Nguồn\s*:?\s.{1,80}$", I),
]

# Inline strips at the start of a kept line.
INLINE_RULES = [
    # "Vietnet24h - Các tập đoàn ..." -> "Các tập đoàn ...", also "(Dân trí) - "
    re.compile(rf"(?:{SITE}|\([\w.\s-]{{2,30}}\))\s*[-–]\s+(?=\S)"),
    # "01/08/2024 14:00'Sao chép ..." -> "'Sao chép ..."
    re.compile(rf"{DATE},?\s*{CLOCK}\s*(?=\S)"),
]

BLANK_RUNS = re.compile(r"\n{3,}")
BOM = "\ufeff"


def clean_text(text):
    """Cleans one decoded document; returns the text to write ('' when nothing is left)."""
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = [l.rstrip() for l in text.split("\n")]

    # Footer: cut at the first marker past 25% of the lines, or after some body text (a long
    # teaser list can make the footer most of the lines).
    quarter = int(len(lines) * FOOTER_MIN_FRACTION)
    long_lines = 0
    for i, line in enumerate(lines):
        if len(line) > FOOTER_BODY_LINE:
            long_lines += 1
            continue
        s = line.strip()
        if s and len(s) < 60 and (i >= quarter or long_lines >= FOOTER_BODY_LINES) \
                and any(r.match(s) for r in FOOTER_MARKERS):
            del lines[i:]
            break

    # Header and sidebar, in one pass.
    out = []
    in_header = True
    pair_open = False
    for line in lines:
        s = line.strip()
        if not s:
            if not in_header:
                out.append("")
            continue
        if pair_open:
            pair_open = False
            if len(s) <= 250:
                continue
        if DASH_ITEM.match(s):
            pair_open = True
            continue
        if any(r.match(s) for r in SIDEBAR_RULES):
            continue
        if in_header and any(r.match(s) for r in HEADER_RULES):
            continue
        in_header = False
        for r in INLINE_RULES:
            m = r.match(line)
            if m:
                line = line[m.end():]
        out.append(line)

    # Trailing attributions.
    while out:
        s = out[-1].strip()
        if not s or any(r.match(s) for r in TRAILING_RULES):
            out.pop()
        else:
            break

    if not out:
        return ""
    return BLANK_RUNS.sub("\n\n", "\n".join(out)) + "\n"


# --------------------------------------------------------------------------- files

_made_dirs = set()
_lossy = False


def clean_file(job):
    """Worker: cleans IN/rel into OUT/rel. Returns None, or a message for stderr."""
    src, dst = job
    try:
        with open(src, "rb") as f:
            data = f.read()
    except OSError as e:
        return f"{src}: skipped: cannot read: {e.strerror or e}"
    note = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if not _lossy:
            return f"{src}: skipped: invalid UTF-8 at byte {e.start}"
        text = data.decode("utf-8", errors="replace")
        note = f"{src}: invalid UTF-8 at byte {e.start}, replaced with U+FFFD"
    out = clean_text(text).encode("utf-8")
    d = os.path.dirname(dst)
    try:
        if d not in _made_dirs:
            os.makedirs(d, exist_ok=True)
            _made_dirs.add(d)
        with open(dst, "wb") as f:
            f.write(out)
    except OSError as e:
        return f"{dst}: skipped: cannot write: {e.strerror or e}"
    return note


def list_files(root):
    """Relative paths of the files under root, sorted, folders walked in order."""
    rels = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        rd = os.path.relpath(d, root)
        for n in sorted(files):
            rels.append(n if rd == "." else os.path.join(rd, n))
    return rels


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="folder of documents")
    ap.add_argument("output", help="folder to write the cleaned copies to (created as needed)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: os.cpu_count())")
    ap.add_argument("--quiet", action="store_true", help="do not print the per-file messages")
    ap.add_argument("--lossy", action="store_true",
                    help="decode invalid UTF-8 with U+FFFD and clean the document instead of skipping it")
    a = ap.parse_args(argv)
    global _lossy
    _lossy = a.lossy  # set before the Pool forks, so the workers see it
    if not os.path.isdir(a.input):
        ap.error(f"{a.input}: not a folder")
    if a.jobs < 1:
        ap.error("--jobs must be at least 1")

    rels = list_files(a.input)
    jobs = [(os.path.join(a.input, r), os.path.join(a.output, r)) for r in rels]
    os.makedirs(a.output, exist_ok=True)
    reported = 0
    if a.jobs == 1:
        results = map(clean_file, jobs)
        pool = None
    else:
        pool = Pool(a.jobs)
        chunk = max(1, min(64, len(jobs) // (a.jobs * 8) or 1))
        results = pool.imap_unordered(clean_file, jobs, chunksize=chunk)
    for msg in results:
        if msg is not None:
            reported += 1
            if not a.quiet:
                print(msg, file=sys.stderr)
    if pool is not None:
        # close + join (not terminate): the workers exit and are reaped by this process, so
        # their CPU time and peak RSS are in the rusage that this process's parent gets.
        pool.close()
        pool.join()
    if reported:
        print(f"py_clean: {len(jobs)} files, {reported} reported", file=sys.stderr)
    return 1 if reported else 0


if __name__ == "__main__":
    sys.exit(main())
