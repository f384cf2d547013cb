#!/usr/bin/env python3
"""Generate a synthetic signpost site for benchmarking.

Usage: gen_site.py N OUTDIR [--services S]

Writes OUTDIR/site.yaml, OUTDIR/content/_index.md, N guidelines under
OUTDIR/content/guidelines/<group>/gNNNNN.md and S services (default
max(1, N // 2)) spread over max(1, N // 50) directory files
OUTDIR/content/services/dir-NNN.yaml. `gen_site.py 50000 OUT --services 100000`
is the national case: far more services than guidelines.

The output follows /work/shared/spec/content-format.md (the author's contract):
every guideline has valid front matter, every related service id exists, and
every relative link points at an existing, non-draft guideline.

Deterministic: the same N always gives byte-identical files (random.Random(N),
no clock, no hash randomisation). Python 3 standard library only.
"""

import datetime
import json
import os
import posixpath
import random
import shutil
import sys

# --------------------------------------------------------------------------
# Fixed vocabularies
# --------------------------------------------------------------------------

# group folder -> conditions that belong to it
GROUPS = [
    ("respiratory", ["COPD", "Asthma", "Bronchiectasis"]),
    ("cardiovascular", ["Hypertension", "Atrial fibrillation", "Heart failure"]),
    ("diabetes", ["Type 2 diabetes", "Type 1 diabetes", "Prediabetes"]),
    ("mental-health", ["Depression", "Generalised anxiety disorder", "Self-harm"]),
    ("musculoskeletal", ["Low back pain", "Osteoarthritis", "Gout"]),
    ("dermatology", ["Eczema", "Psoriasis", "Cellulitis"]),
    ("gastroenterology", ["Dyspepsia", "Irritable bowel syndrome", "Coeliac disease"]),
    ("renal", ["Chronic kidney disease", "Acute kidney injury"]),
    ("neurology", ["Epilepsy", "Migraine", "Parkinson's disease"]),
    ("womens-health", ["Menopause", "Heavy menstrual bleeding", "Contraception"]),
    ("paediatrics", ["Childhood asthma", "Bronchiolitis", "Constipation in children"]),
    ("older-people", ["Dementia", "Delirium", "Falls"]),
    ("infection", ["Urinary tract infection", "Community-acquired pneumonia", "Sepsis"]),
    ("haematology", ["Iron deficiency anaemia", "Venous thromboembolism"]),
    ("ophthalmology", ["Red eye", "Glaucoma"]),
    ("ent", ["Otitis media", "Sore throat", "Tinnitus"]),
    ("urology", ["Lower urinary tract symptoms", "Haematuria"]),
    ("palliative-care", ["End of life care", "Breathlessness in advanced disease"]),
    ("substance-use", ["Alcohol use disorder", "Smoking cessation"]),
    ("frailty", ["Frailty", "Polypharmacy", "Malnutrition"]),
]

TOPICS = [
    "diagnosis and management in primary care",
    "referral pathway",
    "prescribing guidance",
    "assessment in adults",
    "shared care protocol",
    "management of exacerbations",
    "monitoring and review",
    "initial investigations",
    "self-management support",
    "community management",
    "when to refer urgently",
    "annual review checklist",
]

AUDIENCES = ["GP", "practice nurse", "clinical pharmacist", "paramedic",
             "community nurse", "physician associate", "health visitor"]

TAGS = ["first-line", "red-flags", "prescribing", "monitoring", "referral",
        "self-care", "investigations", "follow-up", "shared-decision-making",
        "safety-netting", "deprescribing", "exacerbation", "inhalers",
        "lifestyle", "screening"]

AUTHORS = [
    ("Dr Amelia Hart", "Consultant respiratory physician"),
    ("Dr Rajesh Patel", "General practitioner"),
    ("Sarah Collins", "Advanced nurse practitioner"),
    ("Dr Fiona Walsh", "Consultant cardiologist"),
    ("Tom Briggs", "Clinical pharmacist"),
    ("Dr Helen Okafor", "Consultant diabetologist"),
    ("Dr James Whitaker", "Consultant psychiatrist"),
    ("Priya Shah", "Specialist physiotherapist"),
    ("Dr Laura Bennett", "Consultant geriatrician"),
    ("Mark Ellison", "Community matron"),
    ("Dr Chen Wei", "Consultant microbiologist"),
    ("Dr Olivia Grant", "GP with extended role"),
    ("Hannah Morris", "Specialist dietitian"),
    ("Dr Samuel Reid", "Consultant in palliative medicine"),
]

APPROVERS = [
    "Dorset Respiratory Network",
    "Dorset Cardiovascular Network",
    "Dorset Medicines Optimisation Group",
    "Dorset Clinical Effectiveness Committee",
    "Dorset Mental Health Pathway Board",
    "Dorset Primary Care Quality Group",
]

CHANGE_NOTES = [
    "Updated first-line treatment recommendations",
    "Added red flag symptoms table",
    "Revised referral criteria and contact details",
    "Aligned with updated national guidance",
    "Clarified monitoring intervals",
    "Added self-management resources",
    "Minor wording changes after consultation",
    "Removed withdrawn medicine from formulary choices",
]

# Sentences with a {c} placeholder for the condition name.
SENTENCES = [
    "Confirm the diagnosis of {c} using a structured history and examination before starting treatment.",
    "Record the date of diagnosis, the severity and the main symptoms in the patient's notes.",
    "Ask about smoking, alcohol intake, physical activity and occupational exposures at every review.",
    "Check the current medication list and look for interactions or duplicated therapy.",
    "Consider alternative diagnoses when the presentation is atypical or the response to treatment is poor.",
    "Offer written information about {c} in a format the patient can use.",
    "Agree a personalised management plan and share it with the patient and their carers.",
    "Review adherence and technique before escalating treatment for {c}.",
    "Most people with {c} can be managed safely in primary care with regular review.",
    "Arrange baseline blood tests including full blood count, renal function and liver function.",
    "Repeat the assessment within four to six weeks if symptoms have not improved.",
    "Use shared decision making to balance the expected benefits and harms of each option.",
    "Document the discussion about risks, benefits and alternatives in the record.",
    "Safety-net clearly and explain which symptoms should prompt urgent contact.",
    "Consider frailty, cognitive impairment and multimorbidity when choosing treatment targets.",
    "Check whether the patient has a care plan and whether it reflects their current wishes.",
    "Refer urgently if there are red flag features or rapid deterioration.",
    "Routine referral is appropriate when first- and second-line treatments have not worked.",
    "Include the results of recent investigations and the current medication in every referral letter.",
    "Signpost the patient to local services that can help with housing, warmth, money and social isolation.",
    "Social prescribing link workers can support people whose health is affected by non-medical problems.",
    "Encourage regular physical activity that the patient enjoys and can sustain.",
    "Offer support to stop smoking at every opportunity, using a very brief advice approach.",
    "Vaccination status should be checked and updated according to the national schedule.",
    "Pregnant women and women planning pregnancy need specialist advice before changes to treatment.",
    "Children and young people should be assessed using age-appropriate tools and thresholds.",
    "Reduce the dose or stop treatment if adverse effects outweigh the benefit.",
    "Medicines with a high anticholinergic burden should be reviewed in older people.",
    "Monitor renal function at least annually, and more often when it is declining.",
    "Code the condition correctly so that the patient is included in recall and audit searches.",
    "Annual review should cover symptoms, function, medication, complications and the patient's goals.",
    "Where interpreters are needed, book them in advance and allow a longer appointment.",
    "Carers may also need an assessment of their own needs and signposting to support.",
    "The community team can provide home visits for people who are housebound.",
    "Remote consultation is acceptable for stable patients, but examine in person when the picture changes.",
    "Hospital admission should be considered when the patient cannot be managed safely at home.",
    "After discharge, review the patient within two weeks and reconcile their medicines.",
    "Audit the proportion of patients with {c} who have had a documented review in the last year.",
    "Local formulary choices are listed in the prescribing section and should be used first.",
    "Unlicensed or off-label use requires specialist agreement and informed consent.",
    "Patients with {c} often benefit from structured education delivered in a group setting.",
    "Weight, blood pressure and pulse should be recorded at diagnosis and at each review.",
    "Offer a follow-up appointment with the same clinician where possible to support continuity.",
    "If the diagnosis remains uncertain, discuss the case with the specialist advice service.",
    "Psychological wellbeing should be assessed, as anxiety and low mood are common in {c}.",
    "Consider the impact of symptoms on work, education and caring responsibilities.",
    "Check that the patient knows how to obtain repeat prescriptions and who to contact out of hours.",
    "Escalation plans should be written in plain language and reviewed after every exacerbation.",
]

CATEGORIES = [
    ("warmth", "Warmth and energy"),
    ("housing", "Housing"),
    ("benefits", "Benefits and money advice"),
    ("debt-advice", "Debt advice"),
    ("mental-health", "Mental health and wellbeing"),
    ("exercise", "Exercise and physical activity"),
    ("smoking-cessation", "Stop smoking"),
    ("carers", "Support for carers"),
    ("social-prescribing", "Social prescribing"),
    ("food", "Food and nutrition"),
    ("transport", "Community transport"),
    ("loneliness", "Loneliness and befriending"),
    ("falls-prevention", "Falls prevention"),
    ("weight-management", "Weight management"),
    ("alcohol", "Alcohol and drugs"),
    ("domestic-abuse", "Domestic abuse"),
    ("employment", "Employment support"),
    ("digital-inclusion", "Digital inclusion"),
]

# service kind -> (name stem, categories)
SERVICE_KINDS = [
    ("Warm Homes Advice", ["warmth", "housing"]),
    ("Housing Support Service", ["housing"]),
    ("Benefits Advice Clinic", ["benefits", "debt-advice"]),
    ("Money and Debt Helpline", ["debt-advice", "benefits"]),
    ("Talking Therapies", ["mental-health"]),
    ("Pulmonary Rehabilitation", ["exercise"]),
    ("Cardiac Rehabilitation", ["exercise"]),
    ("Stop Smoking Service", ["smoking-cessation"]),
    ("Carers Support Hub", ["carers", "loneliness"]),
    ("Social Prescribing Team", ["social-prescribing", "loneliness"]),
    ("Community Food Bank", ["food"]),
    ("Community Transport Scheme", ["transport"]),
    ("Befriending Service", ["loneliness"]),
    ("Strength and Balance Classes", ["falls-prevention", "exercise"]),
    ("Healthy Weight Programme", ["weight-management", "food"]),
    ("Alcohol and Drug Service", ["alcohol"]),
    ("Domestic Abuse Outreach", ["domestic-abuse"]),
    ("Back to Work Support", ["employment"]),
    ("Digital Skills Drop-in", ["digital-inclusion"]),
    ("Wellbeing Walks", ["exercise", "mental-health", "loneliness"]),
]

ORGANISATIONS = [
    "Dorset Council", "Citizens Advice Dorset", "Age UK Dorset",
    "Dorset HealthCare University NHS Foundation Trust", "Public Health Dorset",
    "Help and Care", "Dorset Mind", "Healthy Homes Dorset",
    "Dorset Community Action", "Bournemouth, Christchurch and Poole Council",
    "The Trussell Trust", "Forward Dorset", "Carers Support Dorset",
]

# (area, town, postcode prefix, phone area code)
AREAS = [
    ("Weymouth and Portland", "Weymouth", "DT4", "01305"),
    ("Dorchester", "Dorchester", "DT1", "01305"),
    ("Bridport", "Bridport", "DT6", "01308"),
    ("Sherborne", "Sherborne", "DT9", "01935"),
    ("Blandford", "Blandford Forum", "DT11", "01258"),
    ("Wimborne", "Wimborne Minster", "BH21", "01202"),
    ("Poole Central", "Poole", "BH15", "01202"),
    ("Bournemouth East", "Bournemouth", "BH7", "01202"),
    ("Christchurch", "Christchurch", "BH23", "01202"),
    ("Purbeck", "Swanage", "BH19", "01929"),
    ("Shaftesbury", "Shaftesbury", "SP7", "01747"),
    ("Gillingham", "Gillingham", "SP8", "01747"),
    ("Ferndown", "Ferndown", "BH22", "01202"),
    ("Verwood", "Verwood", "BH31", "01202"),
]

STREETS = ["High Street", "Station Road", "Church Lane", "Market Place",
           "King Street", "Victoria Road", "South Street", "Mill Lane"]

ELIGIBILITY = [
    "Anyone living in Dorset",
    "Adults aged 18 and over registered with a Dorset GP",
    "People aged 65 and over",
    "Unpaid carers of any age",
    "People with a long-term condition",
    "Families with children under 5",
    "People on a low income or receiving means-tested benefits",
]

COSTS = ["Free", "Free; donations welcome", "Small charge per session",
         "Free for people on benefits, otherwise a small charge"]

LANGUAGES = ["English", "Polish", "Romanian", "Bengali", "Arabic", "Portuguese",
             "British Sign Language"]

REFERRALS = ["self", "professional", "gp"]

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

SERVICE_SENTENCES = [
    "Offers practical help and advice by phone, online and face to face.",
    "Staff can visit people at home when they cannot travel.",
    "Works closely with GP practices and community health teams.",
    "Appointments are usually available within two weeks of referral.",
    "Sessions are run by trained staff and volunteers.",
    "Interpreters can be arranged on request.",
    "Accessible venue with step-free access and a hearing loop.",
    "Referrals are triaged every working day.",
    "Can help with applications, forms and appeals.",
    "Group sessions run for eight weeks, followed by a review.",
]

BASE_DATE = datetime.date(2022, 1, 1)  # fixed: never use today's date


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def q(value):
    """A YAML scalar that is safe whatever the string holds (JSON is YAML)."""
    return json.dumps(value)


def flow(values):
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def slug(text):
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def date_in(rng, start, end):
    """A date in [start, end], both datetime.date."""
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def words(text):
    return len(text.split())


# --------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------

def make_services(rng, count):
    services = []
    for k in range(1, count + 1):
        kind, cats = SERVICE_KINDS[rng.randrange(len(SERVICE_KINDS))]
        area, town, pc, code = AREAS[rng.randrange(len(AREAS))]
        sid = "%s-%s-%05d" % (slug(kind), slug(town), k)
        extra_areas = rng.sample([a[0] for a in AREAS if a[0] != area], rng.randint(0, 2))
        opening = []
        style = rng.randrange(3)
        if style == 0:
            opening.append((DAYS[:5], "09:00", "17:00"))
        elif style == 1:
            opening.append((DAYS[:4], "08:30", "16:30"))
            opening.append((["fri"], "08:30", "13:00"))
        else:
            opening.append((sorted(rng.sample(DAYS[:5], 2), key=DAYS.index), "10:00", "14:00"))
            opening.append((["sat"], "10:00", "12:00"))
        svc = {
            "id": sid,
            "name": "%s %s" % (town, kind),
            "organisation": rng.choice(ORGANISATIONS),
            "description": "**%s** for people in %s. %s %s" % (
                kind, area, rng.choice(SERVICE_SENTENCES), rng.choice(SERVICE_SENTENCES)),
            "categories": list(cats),
            "areas": [area] + extra_areas,
            "eligibility": rng.choice(ELIGIBILITY),
            "cost": rng.choice(COSTS),
            "referral": sorted(rng.sample(REFERRALS, rng.randint(1, 3)), key=REFERRALS.index),
            "contact": {
                "phone": "%s %06d" % (code, rng.randrange(1000000)),
                "email": "%s@example.org" % sid,
                "website": "https://example.org/services/%s" % sid,
            },
            "address": {
                "lines": ["%d %s" % (rng.randint(1, 120), rng.choice(STREETS))],
                "town": town,
                "postcode": "%s %d%s%s" % (pc, rng.randint(1, 9),
                                           rng.choice("ABDEFGHJLNPQRSTUWXYZ"),
                                           rng.choice("ABDEFGHJLNPQRSTUWXYZ")),
            },
            "opening_hours": opening,
            "languages": ["English"] + rng.sample(LANGUAGES[1:], rng.randint(0, 2)),
            # Spread over ~4 years so some are stale (> 365 days) whenever it runs.
            "last_verified": date_in(rng, datetime.date(2023, 1, 1), datetime.date(2026, 10, 31)),
        }
        services.append(svc)
    return services


def render_directory(num, services, rng):
    theme = rng.choice(CATEGORIES)[1]
    lines = [
        "title: %s" % q("Service directory %03d: %s" % (num, theme)),
        "description: %s" % q("Local services collected for directory %03d. "
                               "Check *eligibility* before referring." % num),
        "services:",
    ]
    for s in services:
        lines += [
            "  - id: %s" % q(s["id"]),
            "    name: %s" % q(s["name"]),
            "    organisation: %s" % q(s["organisation"]),
            "    description: %s" % q(s["description"]),
            "    categories: %s" % flow(s["categories"]),
            "    areas: %s" % flow(s["areas"]),
            "    eligibility: %s" % q(s["eligibility"]),
            "    cost: %s" % q(s["cost"]),
            "    referral: %s" % flow(s["referral"]),
            "    contact:",
            "      phone: %s" % q(s["contact"]["phone"]),
            "      email: %s" % q(s["contact"]["email"]),
            "      website: %s" % q(s["contact"]["website"]),
            "    address:",
            "      lines: %s" % flow(s["address"]["lines"]),
            "      town: %s" % q(s["address"]["town"]),
            "      postcode: %s" % q(s["address"]["postcode"]),
            "    opening_hours:",
        ]
        for days, opens, closes in s["opening_hours"]:
            lines += [
                "      - days: %s" % flow(days),
                "        opens: %s" % q(opens),
                "        closes: %s" % q(closes),
            ]
        lines += [
            "    languages: %s" % flow(s["languages"]),
            "    last_verified: %s" % s["last_verified"].isoformat(),
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Guidelines
# --------------------------------------------------------------------------

def plan_guidelines(rng, n):
    """Decide path, condition and status of every guideline up front so that
    links can point at guidelines that exist and are published."""
    plans = []
    for i in range(1, n + 1):
        group, conds = GROUPS[rng.randrange(len(GROUPS))]
        plans.append({
            "num": i,
            "group": group,
            "cond": rng.choice(conds),
            # The first guideline is always approved so there is a link target.
            "draft": i > 1 and rng.random() < 0.08,
            "relpath": "guidelines/%s/g%05d.md" % (group, i),
        })
    return plans


def make_body(rng, plan, target_plan):
    c = plan["cond"]
    target_words = rng.randint(650, 870)

    def sentence():
        return rng.choice(SENTENCES).format(c=c)

    bullets = [sentence() for _ in range(rng.randint(4, 6))]
    steps = [sentence() for _ in range(3)]
    table_rows = [
        ("Full blood count", "At diagnosis", "Repeat if clinically indicated"),
        ("Renal function", "At diagnosis and annually", "More often if eGFR is falling"),
        ("Blood pressure", "Every review", "Use home readings where available"),
        ("HbA1c", "Annually", "Only if risk factors for diabetes"),
        ("Body mass index", "At diagnosis", "Record waist circumference too"),
        ("Spirometry", "At diagnosis", "Post-bronchodilator values"),
    ]
    rows = rng.sample(table_rows, 4)
    alert_kind = rng.choice(["NOTE", "TIP", "IMPORTANT", "WARNING"])
    link = None
    if target_plan is not None:
        here = posixpath.dirname(plan["relpath"])
        link = (target_plan, posixpath.relpath(target_plan["relpath"], here))

    # Paragraph slots, filled with sentences until the word target is reached.
    slot_names = ["intro", "scope", "history", "investigations", "first_line",
                  "escalation", "referral", "follow_up"]
    slots = {name: [sentence()] for name in slot_names}

    def render():
        p = lambda name: " ".join(slots[name])  # noqa: E731
        out = []
        out.append(p("intro"))
        out.append("")
        out.append("> [!%s]" % alert_kind)
        out.append("> This guideline applies to adults with %s unless stated otherwise. "
                   "Use clinical judgement for every individual patient." % c)
        out.append("")
        out.append("## Scope")
        out.append("")
        out.append(p("scope"))
        out.append("")
        out.append("## Assessment")
        out.append("")
        out.append("### History and examination")
        out.append("")
        out.append(p("history"))
        out.append("")
        out.append("Key points to cover:")
        out.append("")
        out.extend("- " + b for b in bullets)
        out.append("")
        out.append("### Investigations")
        out.append("")
        out.append(p("investigations"))
        out.append("")
        out.append("| Test | When | Notes |")
        out.append("| --- | --- | --- |")
        out.extend("| %s | %s | %s |" % r for r in rows)
        out.append("")
        out.append("## Management")
        out.append("")
        out.append("### First line")
        out.append("")
        out.append(p("first_line"))
        out.append("")
        out.extend("%d. %s" % (k + 1, s) for k, s in enumerate(steps))
        out.append("")
        out.append("### Escalation")
        out.append("")
        esc = p("escalation")
        if link:
            esc += " For overlapping presentations, [see %s](%s)." % (
                link[0]["cond"], link[1])
        out.append(esc)
        out.append("")
        out.append("## Referral")
        out.append("")
        out.append(p("referral"))
        out.append("")
        out.append("## Follow-up and review")
        out.append("")
        out.append(p("follow_up"))
        out.append("")
        return "\n".join(out)

    k = 0
    total = words(render())
    while total < target_words:
        slot = slots[slot_names[k % len(slot_names)]]
        s = sentence()
        while s in slot:  # no sentence twice in one paragraph
            s = sentence()
        slot.append(s)
        total += words(s)
        k += 1
    return render()


def pick_other(rng, plan, approved, approved_at):
    """A random approved guideline other than `plan`, or None: the same pick
    as rng.choice() over `approved` less `plan`, without building that list
    per guideline (which made generating N guidelines O(N^2))."""
    here = approved_at.get(plan["num"])
    count = len(approved) - (1 if here is not None else 0)
    if count == 0:
        return None
    k = rng.randrange(count)
    if here is not None and k >= here:
        k += 1
    return approved[k]


def make_guideline(rng, plan, approved, approved_at, service_ids):
    c = plan["cond"]
    group = plan["group"]
    major, minor = rng.randint(1, 5), rng.randint(0, 9)
    version = "%d.%d" % (major, minor)
    published = date_in(rng, BASE_DATE, datetime.date(2026, 10, 31))
    review_due = published + datetime.timedelta(days=rng.randint(365, 3 * 365))
    title = "%s: %s" % (c, rng.choice(TOPICS))
    summary = ("How to assess, manage and refer adults with %s in primary care, "
               "including red flags, first-line treatment and local services." % c)

    target = pick_other(rng, plan, approved, approved_at)

    fm = ["---"]
    fm.append("title: %s" % q(title))
    fm.append("summary: %s" % q(summary))
    fm.append("version: %s" % q(version))
    fm.append("status: %s" % ("draft" if plan["draft"] else "approved"))
    fm.append("authors:")
    for name, role in rng.sample(AUTHORS, rng.randint(1, 3)):
        fm.append("  - name: %s" % q(name))
        fm.append("    role: %s" % q(role))
    if not plan["draft"]:
        fm.append("approved_by: %s" % q(rng.choice(APPROVERS)))
        fm.append("published: %s" % published.isoformat())
        fm.append("review_due: %s" % review_due.isoformat())
    fm.append("conditions: %s" % flow([c]))
    fm.append("audience: %s" % flow(rng.sample(AUDIENCES, rng.randint(1, 3))))
    if service_ids:
        fm.append("related_services: %s" % flow(
            rng.sample(service_ids, min(len(service_ids), rng.randint(0, 3)))))
    fm.append("tags: %s" % flow([group] + rng.sample(TAGS, rng.randint(1, 3))))
    fm.append("changes:")
    fm.append("  - version: %s" % q(version))
    fm.append("    date: %s" % published.isoformat())
    fm.append("    note: %s" % q(rng.choice(CHANGE_NOTES)))
    if rng.random() < 0.5:
        prev = "%d.%d" % (major, minor - 1) if minor > 0 else "%d.9" % (major - 1) if major > 1 else "0.9"
        fm.append("  - version: %s" % q(prev))
        fm.append("    date: %s" % (published - datetime.timedelta(days=rng.randint(90, 700))).isoformat())
        fm.append("    note: %s" % q(rng.choice(CHANGE_NOTES)))
    fm.append("---")
    fm.append("")
    return "\n".join(fm) + "\n" + make_body(rng, plan, target)


# --------------------------------------------------------------------------
# Site
# --------------------------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, outdir, n_services=None):
    rng = random.Random(n)
    content = os.path.join(outdir, "content")
    if os.path.isdir(content):
        shutil.rmtree(content)  # only what this script writes
    os.makedirs(content, exist_ok=True)

    site = [
        "title: %s" % q("Benchmark site: %d guidelines" % n),
        "base_url: %s" % q("https://bench.example.org"),
        "description: %s" % q("Synthetic guidelines and services for benchmarking signpost"),
        "stale_service_days: 365",
        "review_warning_days: 60",
        "categories:",
    ]
    site += ["  %s: %s" % (cid, q(label)) for cid, label in CATEGORIES]
    write(os.path.join(outdir, "site.yaml"), "\n".join(site) + "\n")

    write(os.path.join(content, "_index.md"),
          "Welcome to the **benchmark** site. It holds %d synthetic guidelines and "
          "%d local services.\n\nNothing here is clinical advice.\n"
          % (n, n_services or max(1, n // 2)))

    n_services = n_services or max(1, n // 2)
    n_dirs = min(n_services, max(1, n // 50))
    services = make_services(rng, n_services)
    for d in range(n_dirs):
        members = services[d::n_dirs]
        write(os.path.join(content, "services", "dir-%03d.yaml" % (d + 1)),
              render_directory(d + 1, members, rng))

    service_ids = [s["id"] for s in services]
    plans = plan_guidelines(rng, n)
    approved = [p for p in plans if not p["draft"]]
    approved_at = {p["num"]: i for i, p in enumerate(approved)}
    for plan in plans:
        write(os.path.join(content, *plan["relpath"].split("/")),
              make_guideline(rng, plan, approved, approved_at, service_ids))

    return n, len(services), n_dirs, len(plans) - len(approved)


def positive(text, what):
    try:
        value = int(text)
        if value < 1:
            raise ValueError
    except ValueError:
        sys.stderr.write("gen_site.py: %s must be a positive integer, got %r\n" % (what, text))
        sys.exit(2)
    return value


def main(argv):
    args = argv[1:]
    n_services = None
    if "--services" in args:
        at = args.index("--services")
        if at + 1 >= len(args):
            sys.stderr.write("gen_site.py: --services needs a number\n")
            return 2
        n_services = positive(args[at + 1], "--services")
        del args[at:at + 2]
    if len(args) != 2:
        sys.stderr.write("usage: gen_site.py N OUTDIR [--services S]\n")
        return 2
    n = positive(args[0], "N")
    g, s, d, drafts = generate(n, args[1], n_services)
    print("generated %d guidelines (%d drafts), %d services in %d directories under %s"
          % (g, drafts, s, d, argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
