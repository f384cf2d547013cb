#!/usr/bin/env python3
"""Generate a synthetic Open Referral UK v3 feed for timing `signpost import`.

Usage: gen_oruk_feed.py N OUT.json [--categories MAP.yaml]

Writes one v3 `service_list` page holding N full services (organisation,
phones, an address, two weekly schedules, languages, service areas, a
taxonomy term, cost options, assured_date or only last_modified), the
shape a council's directory API returns. With --categories, also writes a
categories map covering most of the feed's terms, so the unmapped-terms
warning has something to list.

Deterministic: the same N always gives byte-identical files (random.Random(N),
no clock). Python 3 standard library only.
"""

import json
import random
import sys

TOWNS = ["Weymouth", "Portland", "Dorchester", "Bridport", "Sherborne", "Blandford", "Wimborne", "Swanage"]
KINDS = ["Debt advice", "Warm homes", "Carers support", "Breathe easy group", "Walking group",
         "Food bank", "Befriending", "Housing advice", "Benefits advice", "Men's shed"]
TERMS = [(f"term-{i:02d}", f"Term {i:02d}") for i in range(25)]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
LANGUAGES = [("English", "en"), ("Polish", "pl"), ("Welsh", "cy"), ("Urdu", "ur")]


def service(rng, n):
    town = rng.choice(TOWNS)
    kind = rng.choice(KINDS)
    term_id, term_name = rng.choice(TERMS)
    weekdays = rng.sample(DAYS[:5], rng.randint(2, 5))
    s = {
        "id": f"3f1c2a9e-0000-4000-8000-{n:012d}",
        "name": f"{town} {kind} {n}",
        "description": f"<p>{kind} for people in <strong>{town}</strong>.</p><ul><li>Drop in</li><li>Phone support</li></ul>",
        "url": f"https://example.org/services/{n}",
        "email": f"service{n}@example.org",
        "status": rng.choice(["active"] * 18 + ["temporarily closed", "inactive"]),
        "fees_description": rng.choice(["Free", "Free for under 18s", ""]),
        "minimum_age": rng.choice([None, 16, 18]),
        "last_modified": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}T10:30:00Z",
        "organization": {"id": f"org-{n % 400}", "name": f"{town} Community Trust {n % 400}",
                         "description": "A local charity."},
        "contacts": [{"id": f"c-{n}", "name": "Reception",
                      "phones": [{"id": f"p-{n}", "number": f"01632 {960000 + n % 1000:06d}"}]}],
        "service_at_locations": [{"id": f"sal-{n}", "location": {
            "id": f"loc-{n}", "name": f"{town} hall", "location_type": "physical",
            "addresses": [{"id": f"a-{n}", "address_1": f"{n % 200 + 1} High Street", "city": town,
                           "state_province": "Dorset", "postal_code": f"DT{n % 9 + 1} {n % 9 + 1}AA",
                           "country": "GB", "address_type": "physical"}]}}],
        "schedules": [
            {"id": f"s-{n}-1", "freq": "WEEKLY", "byday": ",".join(sorted(weekdays, key=DAYS.index)),
             "opens_at": "09:00:00", "closes_at": "17:00:00"},
            {"id": f"s-{n}-2", "freq": "WEEKLY", "byday": "SA", "opens_at": "10:00", "closes_at": "12:30"},
        ],
        "languages": [{"id": f"l-{n}-{code}", "name": name, "code": code}
                      for name, code in rng.sample(LANGUAGES, rng.randint(1, 2))],
        "service_areas": [{"id": f"sa-{n}", "name": town}],
        "cost_options": [{"id": f"co-{n}", "option": "Sessions", "amount": rng.randint(0, 40),
                          "amount_description": "per session"}],
        "attributes": [{"id": f"at-{n}", "link_type": "service",
                        "taxonomy_term": {"id": term_id, "name": term_name, "taxonomy": "bench"}}],
    }
    if rng.random() < 0.8:
        s["assured_date"] = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    return {k: v for k, v in s.items() if v not in (None, "")}


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--categories"):
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    rng = random.Random(n)
    contents = [service(rng, i) for i in range(1, n + 1)]
    page = {"total_items": n, "total_pages": 1, "page_number": 1, "size": n, "first_page": True,
            "last_page": True, "empty": n == 0, "contents": contents}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(page, f, indent=1, ensure_ascii=False)
    if len(args) == 4:
        with open(args[3], "w", encoding="utf-8") as f:
            for term_id, _ in TERMS[:20]:
                f.write(f"{term_id}: {'warmth' if int(term_id[-2:]) % 2 else 'respiratory'}\n")


if __name__ == "__main__":
    main()
