#!/usr/bin/env python3
"""Check a site written by gen_site.py against the content contract.

Usage: check_site.py SITE_DIR     (needs PyYAML: pip install pyyaml)

Parses site.yaml, every service directory and every guideline's front matter,
and checks: required and known keys, statuses, dates (review_due after
published), unique service ids, related_services ids that exist, service
categories declared in site.yaml, relative links that resolve to a non-draft
guideline, and body length/shape. Prints a summary; exits 1 on any problem.
"""

import datetime
import os
import posixpath
import re
import sys

import yaml

GUIDELINE_KEYS = {"title", "summary", "version", "status", "authors", "approved_by",
                  "published", "review_due", "superseded_by", "conditions",
                  "audience", "related_services", "tags", "changes"}
SERVICE_KEYS = {"id", "name", "organisation", "description", "categories", "areas",
                "eligibility", "cost", "referral", "contact", "address",
                "opening_hours", "languages", "last_verified"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")

errors = []


def err(path, msg):
    errors.append("%s: %s" % (path, msg))


def split_front_matter(text):
    if not text.startswith("---\n"):
        return None, text
    end = text.index("\n---\n", 3)
    return text[4:end + 1], text[end + 5:]


def main(root):
    site = yaml.safe_load(open(os.path.join(root, "site.yaml"), encoding="utf-8"))
    for k in ("title", "base_url"):
        if not isinstance(site.get(k), str):
            err("site.yaml", "missing %s" % k)
    cats = set((site.get("categories") or {}).keys())
    content = os.path.join(root, "content")

    # Services
    ids = set()
    n_dirs = 0
    for dirpath, _, files in os.walk(content):
        for f in sorted(files):
            if not f.endswith((".yaml", ".yml")):
                continue
            n_dirs += 1
            p = os.path.join(dirpath, f)
            d = yaml.safe_load(open(p, encoding="utf-8"))
            if not isinstance(d.get("title"), str) or not d.get("services"):
                err(p, "directory needs title and services")
            for s in d["services"]:
                missing = SERVICE_KEYS - set(s)
                unknown = set(s) - SERVICE_KEYS
                if missing or unknown:
                    err(p, "service %s missing %s unknown %s" % (s.get("id"), missing, unknown))
                sid = s.get("id")
                if not isinstance(sid, str) or not ID_RE.match(sid):
                    err(p, "bad id %r" % sid)
                if sid in ids:
                    err(p, "duplicate id %s" % sid)
                ids.add(sid)
                if not s.get("categories") or not set(s["categories"]) <= cats:
                    err(p, "%s: categories %s not all in site.yaml" % (sid, s.get("categories")))
                if not set(s.get("referral", [])) <= {"self", "professional", "gp"}:
                    err(p, "%s: bad referral" % sid)
                if not isinstance(s.get("last_verified"), datetime.date):
                    err(p, "%s: last_verified not a date" % sid)
                c = s.get("contact") or {}
                if not any(isinstance(c.get(k), str) for k in ("phone", "email", "website")):
                    err(p, "%s: contact lacks phone/email/website" % sid)
                for oh in s.get("opening_hours", []):
                    if not (isinstance(oh.get("opens"), str) and isinstance(oh.get("closes"), str)):
                        err(p, "%s: opening hours times must be strings" % sid)

    # Guidelines: first pass collects status by path
    gdir = os.path.join(content, "guidelines")
    guidelines = {}
    for dirpath, _, files in os.walk(gdir):
        for f in files:
            if f.endswith(".md"):
                p = os.path.join(dirpath, f)
                rel = os.path.relpath(p, content).replace(os.sep, "/")
                text = open(p, encoding="utf-8").read()
                fm_text, body = split_front_matter(text)
                if fm_text is None:
                    err(p, "no front matter")
                    continue
                guidelines[rel] = (p, yaml.safe_load(fm_text), body)

    n_links = n_drafts = 0
    word_counts = []
    for rel, (p, fm, body) in sorted(guidelines.items()):
        unknown = set(fm) - GUIDELINE_KEYS
        if unknown:
            err(p, "unknown keys %s" % unknown)
        for k in ("title", "summary", "version", "status", "authors"):
            if k not in fm:
                err(p, "missing %s" % k)
        if not isinstance(fm.get("version"), str):
            err(p, "version not a string")
        status = fm.get("status")
        if status not in ("draft", "approved", "superseded", "withdrawn"):
            err(p, "bad status %r" % status)
        if status == "draft":
            n_drafts += 1
        else:
            for k in ("approved_by", "published", "review_due"):
                if k not in fm:
                    err(p, "missing %s" % k)
            if not (isinstance(fm.get("published"), datetime.date)
                    and isinstance(fm.get("review_due"), datetime.date)
                    and fm["review_due"] > fm["published"]):
                err(p, "dates invalid or review_due not after published")
        for a in fm.get("authors") or []:
            if not isinstance(a.get("name"), str):
                err(p, "author without name")
        for sid in fm.get("related_services", []):
            if sid not in ids:
                err(p, "related service %s does not exist" % sid)
        ch = fm.get("changes") or []
        if not 1 <= len(ch) <= 2:
            err(p, "expected 1-2 changes")
        for c in ch:
            if not isinstance(c.get("version"), str) or not isinstance(c.get("date"), datetime.date):
                err(p, "bad change entry %r" % c)
        if len(ch) == 2 and not ch[0]["date"] > ch[1]["date"]:
            err(p, "changes not newest first")
        for target in LINK_RE.findall(body):
            if "://" in target:
                continue
            n_links += 1
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if resolved not in guidelines:
                err(p, "link %s -> %s does not exist" % (target, resolved))
            elif guidelines[resolved][1].get("status") == "draft":
                err(p, "link %s points at a draft" % target)
        for needle in ("\n## ", "\n### ", "\n| --- |", "\n- ", "> [!"):
            if needle not in body:
                err(p, "body lacks %r" % needle.strip())
        prose = re.sub(r"[#>|\-*\[\]()!]", " ", body)
        word_counts.append(len(prose.split()))

    if word_counts:
        lo, hi = min(word_counts), max(word_counts)
        if lo < 550 or hi > 950:
            err(root, "body word counts out of range: %d..%d" % (lo, hi))
    else:
        lo = hi = 0
    print("checked %s: %d guidelines (%d drafts), %d services in %d directory files, "
          "%d links, body words %d..%d" % (root, len(guidelines), n_drafts, len(ids),
                                           n_dirs, n_links, lo, hi))
    for e in errors[:50]:
        print("error:", e)
    if errors:
        print("%d problems" % len(errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_site.py SITE_DIR\n")
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
