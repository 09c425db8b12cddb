"""Condition guide: low back pain."""

import datetime

from home.guidecontent.build import callout, faq, nearby, section

GUIDE = {
    "kind": "condition",
    "slug": "low-back-pain",
    "title": "Low back pain",
    "condition": "Low back pain",
    "summary": (
        "Low back pain is very common and usually not caused by anything serious. Here is what helps, how the "
        "common treatments compare, and the warning signs that need prompt care."
    ),
    "last_reviewed": datetime.date(2026, 11, 21),
    "body": [
        callout(
            "warning",
            "Get urgent medical help if back pain comes with",
            "<ul><li>numbness around your genitals or bottom, or new problems controlling your bladder or bowels</li>"
            "<li>weakness or numbness in both legs, or weakness that is getting worse</li>"
            "<li>fever, unexplained weight loss, or a history of cancer</li>"
            "<li>a significant fall or injury</li></ul>",
        ),
        section(
            "what_it_is",
            "<p>Low back pain is pain, stiffness or tension between the bottom of the ribs and the top of the legs. "
            "Most people have it at some point. In most cases no single cause can be found, and it is not a sign of "
            "damage: clinicians call this <em>non-specific</em> low back pain. When pain also travels down the leg "
            'from an irritated nerve, it is called sciatica (see our <a href="/guides/sciatica/">sciatica '
            "guide</a>).</p>",
        ),
        section(
            "what_to_expect",
            "<p>Much back pain eases within a few weeks, although it can come back, and for some people it lasts "
            "longer. Staying active, continuing normal activities as far as you can, and gradually increasing "
            "exercise help more than rest. Heat can ease pain; ask a pharmacist or doctor about pain relief.</p>",
            heading="How it usually goes",
        ),
        section(
            "evidence",
            "<p>Guidelines agree that exercise of some kind is central to treatment; which type matters less than "
            "doing it. The UK's NICE guideline (NG59) suggests manual therapy (manipulation, mobilisation or "
            "massage) only alongside exercise, and advises against acupuncture. The American College of Physicians' "
            "2017 guideline lists heat, massage, acupuncture and spinal manipulation as options for recent back pain, "
            "and exercise, rehabilitation, acupuncture and mindfulness-based approaches among options for chronic "
            "back pain. Dry needling has been studied for back pain with some short-term benefit in trials of "
            'limited quality; see our <a href="/guides/dry-needling/">dry needling guide</a>.</p>',
            heading="Treatments and what the evidence says",
        ),
        section(
            "precautions",
            "<p>Before hands-on treatment, manipulation or needling, tell the practitioner about osteoporosis, "
            "bleeding problems or blood thinners, pregnancy, cancer, and any numbness, weakness or bladder and bowel "
            "changes.</p>",
            heading="Before treatment",
        ),
        faq(
            [
                (
                    "Do I need an X-ray or MRI?",
                    "<p>Usually not. Scans rarely change treatment for non-specific back pain and are kept for when a "
                    "serious cause is suspected or symptoms are not settling.</p>",
                ),
                (
                    "Should I stop exercising?",
                    "<p>No. Keep moving as much as you can and build up gradually; activity helps recovery.</p>",
                ),
            ]
        ),
        nearby("Practitioners near you who treat low back pain", condition="low-back-pain"),
    ],
}
