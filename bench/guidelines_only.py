#!/usr/bin/env python3
"""The yardstick sites of bench/scale.sh, from a gen_site.py site.

Usage: guidelines_only.py [--minimal] SITE SIGNPOST_OUT ZOLA_OUT

SIGNPOST_OUT: SITE's site.yaml, home page and guidelines, with no services
(their `related_services` lines dropped): signpost's side of the render
comparison, guideline pages only. With --minimal, the site also gets
templates as small as Zola's below (title, summary, contents, body; the
list of guidelines as links), so both engines draw the same page; without
it, signpost draws its whole default theme.

ZOLA_OUT: a Zola site with SITE's published guidelines (drafts left out, as
signpost leaves them out) under minimal templates: title, summary, table of
contents, body; a section page listing its pages. Front matter becomes
Zola's TOML (title, the summary under [extra]); bodies are unchanged.
Standard library only.
"""

import os
import shutil
import sys

CONFIG = """base_url = "http://127.0.0.1/"
title = "bench"
compile_sass = false
build_search_index = false
generate_feeds = false
"""

BASE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body><header><a href="/">Home</a></header><main>{% block main %}{% endblock %}</main></body></html>
"""

PAGE = """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}
{% block main %}<h1>{{ page.title }}</h1><p>{{ page.extra.summary }}</p>
<nav><ul>{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a>{% if h.children %}<ul>{% for c in h.children %}<li><a href="#{{ c.id }}">{{ c.title }}</a></li>{% endfor %}</ul>{% endif %}</li>{% endfor %}</ul></nav>
{{ page.content | safe }}{% endblock %}
"""

SECTION = """{% extends "base.html" %}
{% block main %}<h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}
"""

# signpost's templates of the same size, for --minimal.
SIGNPOST_GUIDELINE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ guideline.title }}</title></head>
<body><header><a href="{{ site.root }}">Home</a></header><main><h1>{{ guideline.title }}</h1><p>{{ guideline.summary }}</p>
<nav><ul>{% for h in guideline.toc %}<li class="level-{{ h.level }}"><a href="#{{ h.id }}">{{ h.title }}</a></li>{% endfor %}</ul></nav>
{{ guideline.content | safe }}</main></body></html>
"""

SIGNPOST_LIST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ site.title }}</title></head>
<body><header><a href="{{ site.root }}">Home</a></header><main><h1>Guidelines</h1><ul>{% for g in guidelines %}<li><a href="{{ g.url }}">{{ g.title }}</a></li>{% endfor %}</ul></main></body></html>
"""

SIGNPOST_ROW = """<li><a href="{{ guideline.url }}">{{ guideline.title }}</a></li>
"""


def front_matter(text):
    """(fields, body) of a `---` YAML front matter block, top-level scalars only."""
    _, block, body = text.split("---\n", 2)
    fields = {}
    for line in block.splitlines():
        if line and not line.startswith(" ") and ":" in line:
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields, body


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return value


def toml_string(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv):
    minimal = "--minimal" in argv
    argv = [a for a in argv if a != "--minimal"]
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    site, signpost_out, zola_out = argv[1:]
    for out in (signpost_out, zola_out):
        shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(signpost_out, "content"))
    shutil.copy(os.path.join(site, "site.yaml"), os.path.join(signpost_out, "site.yaml"))
    shutil.copy(os.path.join(site, "content", "_index.md"), os.path.join(signpost_out, "content", "_index.md"))
    if minimal:
        for name, text in (("guideline.html", SIGNPOST_GUIDELINE), ("guidelines.html", SIGNPOST_LIST),
                           ("guideline-row.html", SIGNPOST_ROW)):
            write(os.path.join(signpost_out, "templates", name), text)
    write(os.path.join(zola_out, "config.toml"), CONFIG)
    for name, text in (("base.html", BASE), ("page.html", PAGE), ("section.html", SECTION), ("index.html", SECTION)):
        write(os.path.join(zola_out, "templates", name), text)
    write(os.path.join(zola_out, "content", "_index.md"), "+++\ntitle = \"Home\"\n+++\n")
    guidelines = os.path.join(site, "content", "guidelines")
    published = 0
    for folder, _, names in sorted(os.walk(guidelines)):
        rel = os.path.relpath(folder, guidelines)
        zola_folder = os.path.join(zola_out, "content", "guidelines", rel)
        write(os.path.join(zola_folder, "_index.md"), "+++\ntitle = %s\n+++\n" % toml_string(os.path.basename(folder)))
        for name in sorted(n for n in names if n.endswith(".md")):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            kept = "".join(l for l in text.splitlines(keepends=True) if not l.startswith("related_services:"))
            write(os.path.join(signpost_out, "content", "guidelines", rel, name), kept)
            fields, body = front_matter(text)
            if fields.get("status") == "draft":
                continue
            published += 1
            zola_front = "+++\ntitle = %s\n[extra]\nsummary = %s\n+++\n" % (
                toml_string(unquote(fields["title"])), toml_string(unquote(fields.get("summary", ""))))
            write(os.path.join(zola_folder, name), zola_front + body)
    sys.stderr.write("guidelines_only.py: %d published guidelines for Zola in %s\n" % (published, zola_out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
