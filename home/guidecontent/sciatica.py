"""Condition guide: sciatica."""

import datetime

from home.guidecontent.build import callout, faq, nearby, section

GUIDE = {
    "kind": "condition",
    "slug": "sciatica",
    "title": "Sciatica",
    "condition": "Sciatica",
    "summary": (
        "Sciatica is pain, tingling or numbness that travels from the lower back or buttock down the leg, from an "
        "irritated nerve. Most people get better within weeks. Here is what helps, what the treatments offer, and "
        "the warning signs that need urgent care."
    ),
    "last_reviewed": datetime.date(2026, 11, 21),
    "body": [
        callout(
            "warning",
            "Get urgent medical help (go to an emergency department or call your local emergency number) if you have",
            "<ul><li>numbness or tingling around your genitals, bottom or inner thighs (the area you would sit on a "
            "saddle with)</li>"
            "<li>new difficulty starting to pee, being unable to pee, or losing control of your bladder or bowels</li>"
            "<li>weakness or numbness in both legs, or weakness in a leg or foot that is getting worse</li>"
            "<li>sciatica on both sides at once</li></ul>"
            "<p>These can be signs of <strong>cauda equina syndrome</strong>, a rare but serious compression of the "
            "nerves at the bottom of the spine that needs treatment in hospital as soon as possible. Also seek "
            "prompt medical advice if back or leg pain comes with fever, unexplained weight loss, a history of "
            "cancer, or follows a significant fall or injury.</p>",
        ),
        section(
            "what_it_is",
            "<p><strong>Sciatica</strong> describes pain that travels along the path of the sciatic nerve: from "
            "the lower back or buttock down the back or side of the leg, sometimes into the foot. The leg pain is "
            "often worse than any back pain. It may be sharp, burning or shooting, and can come with pins and "
            "needles, numbness or weakness. Coughing, sneezing or sitting for long may make it worse.</p>"
            "<p>Clinicians also call it <em>lumbar radicular pain</em> or <em>radiculopathy</em>, because it comes "
            "from a nerve root where it leaves the spine.</p>",
        ),
        section(
            "how_it_works",
            "<p>Sciatica happens when a nerve root in the lower back is irritated or pressed on. The most common "
            'cause is a bulging (herniated or "slipped") disc; others include narrowing of the spaces the nerves '
            "pass through (spinal stenosis, more common with age) and a vertebra slipping forward "
            "(spondylolisthesis). Inflammation around the nerve seems to matter as much as pressure.</p>"
            "<p>Pain in the buttock and leg can also come from muscles such as the piriformis, or from the hip, and "
            "be mistaken for sciatica. A clinician can usually tell the difference by asking questions and "
            "examining you; scans are not needed for most people and are mainly used when symptoms are severe, "
            "are not settling, or when surgery is being considered.</p>",
            heading="What causes it",
        ),
        section(
            "what_to_expect",
            "<p>The outlook is usually good. Sciatica often improves within about 4 to 6 weeks, although it can "
            "last longer, and for some people it comes back. Nerve symptoms such as numbness can take longer to "
            "settle than the pain.</p>"
            "<p>What tends to help while it settles:</p>"
            "<ul><li>Keep moving and carry on with your normal activities as much as you can. Moving is not harmful "
            "even when it hurts; long spells of bed rest slow recovery.</li>"
            "<li>Gentle exercise and stretches, increased gradually.</li>"
            "<li>Heat packs on the painful area (take care if your skin is numb, as you could burn it).</li>"
            "<li>Asking a pharmacist or doctor about pain relief. Medicines for sciatica have limited benefit and "
            "some have side effects, so get advice rather than taking more.</li></ul>"
            "<p>See a doctor or physiotherapist if the pain is not improving after a few weeks, is getting worse, or "
            "is stopping you doing your usual activities.</p>",
            heading="How it usually goes, and what you can do",
        ),
        section(
            "evidence",
            "<p>Guidelines agree that staying active and exercise are the foundation of care. The UK's National "
            "Institute for Health and Care Excellence (NICE), in its guideline on low back pain and sciatica (NG59), "
            "recommends exercise, and suggests hands-on treatment such as spinal manipulation, mobilisation or "
            "massage only as part of a package that includes exercise. The same guideline advises <em>against</em> "
            "acupuncture for low back pain with or without sciatica.</p>"
            "<p>Other treatments you may be offered:</p>"
            "<ul><li><strong>Physiotherapy / physical therapy:</strong> assessment, exercise, advice on activity and "
            "work, and sometimes manual therapy.</li>"
            "<li><strong>Dry needling:</strong> some physiotherapists use it for the muscle pain that can accompany "
            "sciatica (for example in the buttock). There is very little good research on dry needling for "
            "sciatica itself, so it should not replace exercise and advice. See our "
            '<a href="/guides/dry-needling/">dry needling guide</a>.</li>'
            "<li><strong>Injections and surgery:</strong> for severe sciatica that has not improved, a specialist "
            "may discuss a spinal (epidural) injection or an operation to relieve pressure on the nerve. For some "
            "people surgery relieves leg pain sooner, although longer-term results are often similar to non-surgical "
            "care; it is a decision to make with a specialist.</li>"
            "</ul>",
            heading="Treatments and what the evidence says",
        ),
        section(
            "precautions",
            "<p>Before any hands-on or needling treatment, tell the practitioner about bleeding problems or blood "
            "thinners, pregnancy, osteoporosis, cancer (now or in the past), and any numbness, weakness or bladder "
            "and bowel changes. A practitioner should examine you and check for the warning signs above before "
            "treating, and refer you on if needed.</p>",
            heading="Before treatment: what to tell your practitioner",
        ),
        section(
            "aftercare",
            "<ul><li>Build activity up gradually; a flare-up does not usually mean harm.</li>"
            "<li>Keep up the exercises you have been given, even once the pain eases, to lower the chance of it "
            "returning.</li>"
            "<li>If you sit for long periods, change position often.</li>"
            "<li>Go back to your clinician if things are not improving, and get urgent help at once for any of the "
            "warning signs at the top of this page.</li></ul>",
            heading="Recovering and staying well",
        ),
        faq(
            [
                (
                    "How long does sciatica last?",
                    "<p>Many people improve within about 4 to 6 weeks, though it can last longer. If it is not "
                    "improving after a few weeks, or is getting worse, see a doctor or physiotherapist.</p>",
                ),
                (
                    "Should I rest in bed?",
                    "<p>No. Staying as active as you can, within what you can manage, helps recovery more than bed "
                    "rest.</p>",
                ),
                (
                    "Do I need a scan?",
                    "<p>Usually not. A clinician can diagnose sciatica by asking questions and examining you. Scans "
                    "are used when symptoms are severe, not settling, when surgery is being considered, or when a "
                    "serious cause is suspected.</p>",
                ),
                (
                    "Can dry needling or acupuncture fix sciatica?",
                    "<p>Neither can promise that. There is little good research on dry needling for sciatica, and "
                    "NICE advises against acupuncture for low back pain with or without sciatica. Exercise and "
                    "staying active are the best-supported approaches.</p>",
                ),
                (
                    "When is sciatica an emergency?",
                    "<p>When it comes with numbness around your genitals or bottom, new bladder or bowel problems, "
                    "weakness or numbness in both legs, or weakness that is getting worse. Get urgent medical help "
                    "straight away.</p>",
                ),
            ]
        ),
        nearby("Practitioners near you who treat sciatica", technique="dry-needling", condition="sciatica"),
    ],
}
