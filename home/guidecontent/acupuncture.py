"""Treatment guide: acupuncture."""

import datetime

from home.guidecontent.build import callout, faq, nearby, section

GUIDE = {
    "kind": "treatment",
    "slug": "acupuncture",
    "title": "Acupuncture",
    "technique": "Acupuncture",
    "summary": (
        "Acupuncture places fine needles at chosen points on the body, most often for pain. Here is what it "
        "involves, why guidelines disagree about it for back pain, its risks, and what to ask before you start."
    ),
    "last_reviewed": datetime.date(2026, 11, 21),
    "body": [
        section(
            "what_it_is",
            "<p>Acupuncture is a treatment in which fine, sterile needles are inserted at particular points on the "
            "body and left in place for a while, sometimes turned gently or connected to a small electrical current "
            "(electro-acupuncture). It comes from traditional Chinese medicine; <em>Western medical acupuncture</em> "
            "uses similar techniques explained in terms of anatomy and the nervous system.</p>"
            "<p>It is offered by licensed acupuncturists and, in many places, by physicians, physiotherapists and "
            "chiropractors with additional training. Who may practise it, and what training they need, depends on "
            "the country or state.</p>",
        ),
        section(
            "how_it_works",
            "<p>Traditional acupuncture describes points on channels (meridians) through which energy is said to "
            "flow; these ideas have no equivalent in modern anatomy. Research explanations focus instead on the "
            "nervous system: needling may change how pain signals are processed in the spinal cord and brain. "
            "Expectations and the care and attention of the treatment itself probably also contribute, which is why "
            "trials compare real acupuncture with sham (pretend) acupuncture.</p>",
        ),
        section(
            "evidence",
            "<p>Acupuncture has been studied more than most hands-on treatments, yet expert groups read the "
            "evidence differently, particularly for low back pain:</p>"
            "<ul><li>The American College of Physicians' 2017 guideline on low back pain lists acupuncture among "
            "non-drug options to consider, for short-lived back pain (on low-quality evidence) and for chronic back "
            "pain (on moderate-quality evidence).</li>"
            "<li>The UK's NICE guideline on low back pain and sciatica (NG59) advises <em>against</em> offering "
            "acupuncture, largely because in trials it did not do clearly better than sham acupuncture.</li></ul>"
            "<p>In short: some people with chronic pain report modest benefit, trials struggle to separate the "
            "needling itself from the rest of the treatment, and it is not a cure. It is best seen as an optional "
            "addition to, not a replacement for, staying active and exercise.</p>",
        ),
        section(
            "risks",
            "<p>Acupuncture by a properly trained practitioner using single-use sterile needles is generally "
            "low-risk. Side effects include soreness, small bruises or bleeding at needle sites, tiredness and "
            "feeling faint or light-headed. Serious problems are rare: a collapsed lung (pneumothorax) from needling "
            "over the chest or upper back, infection, and nerve or tissue injury.</p>",
        ),
        callout(
            "warning",
            "Get urgent medical help if",
            "<p>you become short of breath or have chest pain after needling near your chest, upper back, shoulders "
            "or neck.</p>",
        ),
        section(
            "precautions",
            "<p>Tell the practitioner if any of these apply; some may mean acupuncture is not suitable or needs "
            "changes:</p>"
            "<ul><li>bleeding disorders or blood thinners</li><li>pregnancy (some points are usually avoided)</li>"
            "<li>a pacemaker or other implanted device, if electro-acupuncture is planned</li>"
            "<li>epilepsy</li><li>skin infection or broken skin at the points to be used</li>"
            "<li>a weakened immune system or diabetes</li><li>a strong fear of needles</li></ul>",
        ),
        section(
            "what_to_expect",
            "<p>The practitioner asks about your health, explains the plan and asks for your consent. You sit or "
            "lie comfortably while several needles are inserted; you may feel a tingling, heaviness or dull ache. "
            "Needles usually stay in for 10 to 30 minutes. Courses are often a handful of weekly sessions, reviewed "
            "along the way.</p>",
        ),
        section(
            "aftercare",
            "<p>Some tiredness or soreness is common and passes within a day. Tell your practitioner about any "
            "side effects before the next session, and stop if it is not helping after the agreed number of "
            "sessions.</p>",
        ),
        faq(
            [
                (
                    "Is acupuncture safe?",
                    "<p>Serious harm is rare when a trained practitioner uses single-use sterile needles. Minor "
                    "soreness, bruising and tiredness are common.</p>",
                ),
                (
                    "Does acupuncture work for back pain?",
                    "<p>Expert guidelines disagree: the American College of Physicians lists it as an option, while "
                    "NICE in the UK advises against it. Benefits, where found, are modest.</p>",
                ),
                (
                    "Is acupuncture the same as dry needling?",
                    "<p>No. The needles are similar, but dry needling targets muscles found on examination, while "
                    "acupuncture chooses points by acupuncture principles. See our "
                    '<a href="/guides/dry-needling/">dry needling guide</a>.</p>',
                ),
            ]
        ),
        nearby("Acupuncture practitioners near you", technique="acupuncture"),
    ],
}
