"""Demo reviews, responses, reports and testimonials for the demo directory (manage.py seed_demo_reviews).

Key ideas:
- Deterministic: one random stream per page, named by the seed and the page's slug,
  so the same directory and seed give the same reviews, and a bigger demo keeps a
  smaller one's.
- Idempotent: each demo review has an address of its own (page and number), and a
  page that already has it is skipped; testimonials are found by clinic and quote.
- Realistic and careful: mostly good ratings with a real tail of poor ones, texts
  about explanation, waiting and progress, never cures; some reviews wait in the
  moderation queue with findings to look at, one review has an open report.
- Approved reviews are logged as approved by the demo moderator, as a moderator would.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from directory.models import ClinicPage, PractitionerPage
from reviews.findings import response_findings, review_findings
from reviews.models import AuditEntry, Review, ReviewResponse, Testimonial
from reviews.ratings import refresh_rating
from reviews.submission import file_report

DEFAULT_SEED = 1729
DEMO_DOMAIN = "patients.demo.invalid"

# (rating, title, body, aspects: explanation, listening, wait time, outcome or None)
PRACTITIONER_REVIEWS = [
    (
        5,
        "Explained everything before starting",
        "I was nervous about the treatment, so they walked me through what they would do and why, and checked in "
        "throughout. After four sessions and the home exercises I can sit through a work day again. "
        "Still doing the stretches every morning.",
        (5, 5, 4, 5),
    ),
    (
        5,
        "Listened properly",
        "First practitioner who asked about my job and how I sleep rather than just the sore spot. The plan "
        "was realistic and written down, and the follow-ups were on time.",
        (5, 5, 5, 4),
    ),
    (
        4,
        "Steady progress, clear plan",
        "Improvement has been gradual rather than dramatic, which is what I was told to expect. Good "
        "explanations of what to do between visits. Only downside is that evening appointments book out early.",
        (5, 4, 3, 4),
    ),
    (
        4,
        "Thorough first assessment",
        "The first appointment was almost all assessment and questions, which I appreciated. Treatment was "
        "a mix of hands-on work and exercises. Parking nearby is tight.",
        (4, 5, 4, None),
    ),
    (
        5,
        "Back to walking the dog",
        "Six weeks in I can do our usual walk without stopping. The exercises were simple enough that I "
        "actually did them. Friendly and on time.",
        (4, 5, 5, 5),
    ),
    (
        4,
        "Good care, some waiting",
        "Sessions ran about fifteen minutes late twice, but I never felt rushed once I was in. Honest about "
        "what treatment could and could not do for me.",
        (5, 4, 2, 4),
    ),
    (
        3,
        "Helpful but expensive",
        "The advice was sensible and I do feel somewhat better. I found the cost of repeat visits hard to "
        "manage and would have liked clearer information about fees up front.",
        (4, 3, 4, 3),
    ),
    (
        3,
        "Mixed experience",
        "The practitioner was knowledgeable, but I saw a different person at the second visit and had to "
        "explain everything again. Some improvement so far.",
        (3, 3, 4, 3),
    ),
    (
        2,
        "Felt rushed",
        "The appointment felt hurried and I left without really understanding the plan. Reception were "
        "helpful when I called afterwards with questions.",
        (2, 2, 3, None),
    ),
    (
        1,
        "No improvement and poor communication",
        "After several sessions my pain was unchanged, and when I asked whether to try something else I did "
        "not get a clear answer. I have since gone elsewhere.",
        (1, 2, 3, 1),
    ),
    (
        5,
        "Careful with my other health issues",
        "I have a heart condition and was glad they asked about my medication before doing anything. "
        "Clear about risks and side effects. I felt safe the whole way through.",
        (5, 5, 4, None),
    ),
    (
        4,
        "Practical and down to earth",
        "No jargon, no hard sell on packages. Told me I probably needed three or four visits and that was "
        "about right. Some soreness the day after, as I had been warned.",
        (5, 4, 4, 4),
    ),
]

CLINIC_REVIEWS = [
    (
        5,
        "Easy booking and a calm waiting room",
        "Booking online was simple, the reminders were useful and the reception staff were kind when I had "
        "to move an appointment at short notice.",
        (None, 5, 5, None),
    ),
    (
        4,
        "Well run clinic",
        "Clean, accessible, and appointments mostly ran on time. It would help to have more early-morning slots.",
        (None, 4, 4, None),
    ),
    (
        2,
        "Billing confusion",
        "My insurer was billed incorrectly twice and it took several phone calls to sort out. "
        "The care itself was fine.",
        (None, 2, 3, None),
    ),
    (
        3,
        "Fine, but hard to reach by phone",
        "Treatment was good but getting through on the phone took many attempts. The online form worked better.",
        (None, 3, 3, None),
    ),
]

# Reviews left waiting in the queue, some with something for the findings to show.
PENDING_REVIEWS = [
    (
        5,
        "Best in town",
        "Best in town!! Message me on 303-555-0188 and I will tell you how to get a discount on your first visit.",
    ),
    (
        4,
        "Good experience overall",
        "Knowledgeable and patient. The exercise sheet was clear and I liked that progress was measured at each visit.",
    ),
    (
        1,
        "Waste of time",
        "I waited forty minutes and the session lasted ten. I asked for my money back and was refused.",
    ),
    (
        5,
        "Highly recommend",
        "Highly recommend this practitioner, see www.example.com/deals for the latest offers on packages.",
    ),
]

RESPONSES = [
    "Thank you for taking the time to write. We take feedback about communication seriously and would "
    "welcome a call to our practice manager so we can learn from it.",
    "We are sorry to read this. We aim to make every appointment unhurried and clear, and we would like "
    "to hear more: please contact the clinic manager directly.",
    "Thank you for the feedback. We have been reviewing how we schedule appointments and explain fees, "
    "and comments like this help.",
]

# (quote, display name, clinical?)
TESTIMONIALS = [
    (
        "The reception team made booking around my shifts easy, and reminders meant I never missed a visit.",
        "Chris, nurse",
        False,
    ),
    ("A welcoming clinic with step-free access and a quiet waiting area.", "Margaret", False),
    ("My practitioner explained each stage and I understood my exercise plan.", "Dev", False),
    ("After a few weeks of treatment my neck pain eased and I could work at my desk again.", "Alicia", True),
    ("I can walk further now than before I started treatment here.", "Tom", True),
]

DISPLAY_NAMES = [
    "Priya S.", "Jordan M.", "Aisha K.", "Tom W.", "Mei L.", "Rahul V.", "Sarah O.", "Daniel P.",
    "Fatima R.", "Liam B.", "Ananya G.", "Chloe T.", "Marcus J.", "Harpreet D.", "Emily N.", "Kenji H.",
]  # fmt: skip


@dataclass
class DemoCounts:
    reviews: int = 0
    pending: int = 0
    responses: int = 0
    reports: int = 0
    testimonials: int = 0


def demo_moderator():
    return get_user_model().objects.filter(username="moderator").first()


def _stream(seed, page):
    return random.Random(f"{seed}:reviews:{page.slug}:{page.pk}")


def _visit_month(rng, today):
    months_back = rng.randint(1, 14)
    month = (today.year * 12 + today.month - 1) - months_back
    return datetime.date(month // 12, month % 12 + 1, 1)


def _choose(rng, items):
    return items[rng.randrange(len(items))] if items else None


def _make_review(page, number, template, rng, *, status, moderator, today, subject_terms):
    """Draws the same random values whether or not the review exists, so a rerun stays in step."""
    email = f"{page.slug}-{number}@{DEMO_DOMAIN}"
    rating, title, body, *aspects = template
    aspects = aspects[0] if aspects else (None, None, None, None)
    visit = _visit_month(rng, today)
    confirmed = timezone.make_aware(
        datetime.datetime.combine(visit + datetime.timedelta(days=rng.randint(20, 40)), datetime.time(10))
    )
    confirmed = min(confirmed, timezone.now() - datetime.timedelta(hours=rng.randint(2, 200)))
    techniques, conditions = subject_terms
    review = Review(
        page=page,
        rating=rating,
        title=title,
        body=body,
        explanation_rating=aspects[0],
        listening_rating=aspects[1],
        wait_time_rating=aspects[2],
        outcome_rating=aspects[3],
        technique=_choose(rng, techniques) if rng.random() < 0.7 else None,
        condition=_choose(rng, conditions) if rng.random() < 0.7 else None,
        visit_month=visit,
        display_name=_choose(rng, DISPLAY_NAMES),
        email=email,
        ip_hash=f"demo{rng.randrange(10**6)}",
        status=status,
        created_at=confirmed - datetime.timedelta(minutes=5),
        confirmed_at=confirmed,
        helpful_count=rng.choice([0, 0, 0, 1, 2, 3, 5]) if status == Review.Status.APPROVED else 0,
    )
    decided_at = confirmed + datetime.timedelta(hours=rng.randint(3, 60))
    if Review.objects.filter(page=page, email=email).exists():
        return None
    review.set_findings(review_findings(review))
    if status == Review.Status.APPROVED:
        review.decided_by = moderator
        review.decided_at = decided_at
    review.save()
    if status == Review.Status.APPROVED:
        AuditEntry.record(
            actor=moderator,
            by="seed_demo_reviews",
            action=AuditEntry.Action.REVIEW_APPROVED,
            target=review,
            previous_state=Review.Status.PENDING,
            new_state=Review.Status.APPROVED,
            note="Demo data.",
        )
    return review


# Review sites see a J-shaped spread: mostly five and four stars, a real tail of ones and twos.
RATING_WEIGHTS = {5: 48, 4: 27, 3: 11, 2: 6, 1: 8}


def _pick_templates(rng, templates, how_many):
    """Indexes of `how_many` different templates, their ratings drawn with RATING_WEIGHTS."""
    unused = list(range(len(templates)))
    picked = []
    for _ in range(min(how_many, len(templates))):
        stars = rng.choices(list(RATING_WEIGHTS), weights=list(RATING_WEIGHTS.values()))[0]
        matching = [i for i in unused if templates[i][0] == stars] or unused
        choice = matching[rng.randrange(len(matching))]
        unused.remove(choice)
        picked.append(choice)
    return picked


def seed_page(page, seed, counts, moderator, today, manager_of):
    """Reviews for one practitioner or clinic page; returns the approved reviews created."""
    rng = _stream(seed, page)
    is_clinic = isinstance(page, ClinicPage)
    templates = CLINIC_REVIEWS if is_clinic else PRACTITIONER_REVIEWS
    terms = ([], []) if is_clinic else (list(page.techniques.all()), list(page.conditions.all()))
    how_many = rng.choice([0, 1, 2, 2, 3]) if is_clinic else rng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8])
    order = _pick_templates(rng, templates, how_many)
    created = []
    with transaction.atomic():
        for number, index in enumerate(order, start=1):
            review = _make_review(
                page, number, templates[index], rng, status=Review.Status.APPROVED,
                moderator=moderator, today=today, subject_terms=terms,
            )  # fmt: skip
            if review:
                created.append(review)
                counts.reviews += 1
        if not is_clinic and rng.random() < 0.3:
            template = _choose(rng, PENDING_REVIEWS)
            review = _make_review(
                page, 90, template, rng, status=Review.Status.PENDING,
                moderator=moderator, today=today, subject_terms=terms,
            )  # fmt: skip
            counts.pending += bool(review)
        for review in created:
            if review.rating <= 3 and rng.random() < 0.6:
                status = ReviewResponse.Status.APPROVED if rng.random() < 0.8 else ReviewResponse.Status.PENDING
                response = ReviewResponse(
                    review=review, body=_choose(rng, RESPONSES), author=manager_of(page), status=status
                )
                response.set_findings(response_findings(response))
                if status == ReviewResponse.Status.APPROVED:
                    response.decided_by, response.decided_at = moderator, review.decided_at
                response.save()
                counts.responses += 1
        if created:
            refresh_rating(page.pk)
    return created


def seed_testimonials(clinic, seed, counts):
    rng = random.Random(f"{seed}:testimonials:{clinic.slug}")
    practitioners = list(PractitionerPage.objects.child_of(clinic).order_by("path"))
    for quote, name, clinical in rng.sample(TESTIMONIALS, k=2):
        if Testimonial.objects.filter(clinic=clinic, quote=quote).exists():
            continue
        testimonial = Testimonial(
            clinic=clinic,
            practitioner=_choose(rng, practitioners) if clinical else None,
            quote=quote,
            display_name=name,
            consent_obtained_on=timezone.localdate() - datetime.timedelta(days=rng.randint(20, 400)),
            consent_method=rng.choice(Testimonial.ConsentMethod.values),
            consent_reference="Consent form kept in the patient's file",
            about_clinical_outcome=clinical,
        )
        if clinical and testimonial.clinical_testimonial_ban():
            continue  # not allowed where this clinic practises (e.g. Australia): the demo obeys the law too
        testimonial.save()
        counts.testimonials += 1


def seed_report(seed, counts):
    """One open report, so the queue shows how reports look; only if no demo report is open yet."""
    if Review.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", reports__isnull=False).exists():
        return
    candidates = Review.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", status=Review.Status.APPROVED, rating=5)
    review = candidates.order_by("pk").first()
    if review:
        file_report(review, reason="not_genuine", details="This reads like the clinic wrote it. (Demo report.)")
        counts.reports += 1


def seed_reviews(clinics, practitioners, seed, *, iterate=iter):
    """Reviews, responses, testimonials and a report for the demo directory; returns DemoCounts.

    `iterate` wraps the pages, e.g. in a progress bar.
    """
    managers = {}
    for clinic in clinics:
        team = getattr(clinic, "team", None)
        managers[clinic.path] = team.group.user_set.order_by("pk").first() if team else None

    def manager_of(page):
        return next((user for path, user in managers.items() if page.path.startswith(path)), None)

    counts = DemoCounts()
    moderator = demo_moderator()
    today = timezone.localdate()
    for page in iterate(list(practitioners) + list(clinics)):
        seed_page(page, seed, counts, moderator, today, manager_of)
    for clinic in clinics:
        seed_testimonials(clinic, seed, counts)
    seed_report(seed, counts)
    return counts
