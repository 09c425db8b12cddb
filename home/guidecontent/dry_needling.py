"""Treatment guide: dry needling."""

import datetime

from home.guidecontent.build import callout, faq, nearby, section

GUIDE = {
    "kind": "treatment",
    "slug": "dry-needling",
    "title": "Dry needling",
    "technique": "Dry needling",
    "summary": (
        "Dry needling uses thin needles, with nothing injected, to treat muscle-related pain and stiffness. "
        "Here is how it is done, what the research does and does not show, its risks, and who may legally "
        "offer it where you live."
    ),
    "last_reviewed": datetime.date(2026, 11, 21),
    "body": [
        section(
            "what_it_is",
            "<p>Dry needling is a treatment in which a trained practitioner inserts very thin, solid needles "
            "through the skin into muscle or the tissue around it. It is called <em>dry</em> because nothing is "
            "injected. It is offered by some physical therapists (physiotherapists), chiropractors, physicians "
            "and acupuncturists, usually as one part of a wider treatment plan that includes exercise and advice.</p>"
            "<p>You may see it under other names: trigger point dry needling, functional dry needling, "
            "intramuscular stimulation (IMS, Dr Chan Gunn's method) or superficial dry needling. They differ in "
            "where and how deeply the needles go and in the ideas behind them, but they are all dry needling.</p>",
        ),
        section(
            "how_it_works",
            "<p>Practitioners usually aim at <strong>trigger points</strong>: tender, taut spots in a muscle that "
            "can cause local or referred pain. A needle placed in such a spot often makes the muscle twitch briefly "
            "(a <em>local twitch response</em>), after which the muscle may feel less tight.</p>"
            "<p>How dry needling might reduce pain is not fully understood. Proposed explanations include changes "
            "in how the nervous system processes pain, changes in blood flow and chemistry around the needled "
            "spot, and relaxation of the muscle. These are working theories, not settled facts.</p>"
            "<p>Dry needling is not the same as acupuncture, although the needles look alike. Acupuncture "
            "traditionally chooses points by the principles of traditional Chinese or Western medical acupuncture; "
            "dry needling chooses them from an examination of muscles, nerves and movement.</p>",
        ),
        section(
            "evidence",
            "<p>Research on dry needling is growing but still limited. Reviews of the clinical trials generally "
            "find that, for some kinds of muscle-related pain (for example in the neck, shoulder and lower back), "
            "dry needling may reduce pain in the short term compared with no treatment or a sham procedure. The "
            "certainty of this evidence is usually judged <strong>low to moderate</strong>: many trials are small, "
            "use different methods, and follow people for only a few weeks.</p>"
            "<p>What that means for you:</p>"
            "<ul><li>Any benefit tends to be modest and short-lived; it is not a cure.</li>"
            "<li>It is not clear that dry needling adds much to a good exercise programme, which remains the "
            "mainstay of treatment for most muscle and back pain.</li>"
            "<li>For sciatica in particular (leg pain from an irritated nerve) there is very little good-quality "
            "research, so nobody can promise it will help.</li></ul>"
            "<p>If a practitioner suggests dry needling, it is reasonable to ask what they hope it will achieve, "
            "how you will both know whether it is working, and after how many sessions you will stop if it is not.</p>",
        ),
        section(
            "risks",
            "<p>In trained hands, serious problems are rare, but they do happen. Tell your practitioner about "
            "anything unusual after a session.</p>"
            "<ul><li><strong>Common and mild:</strong> soreness or aching in the treated muscle for a day or two, "
            "small bruises, a little bleeding where the needle went in, and tiredness.</li>"
            "<li><strong>Less common:</strong> feeling faint or actually fainting, especially at a first session, "
            "and a short-lived increase in your usual pain.</li>"
            "<li><strong>Rare but serious:</strong> a collapsed lung (<em>pneumothorax</em>) when needling over the "
            "chest wall, upper back, shoulders or neck, where the lung lies close beneath the muscle; infection; "
            "nerve irritation; and a needle breaking in the tissue.</li></ul>",
        ),
        callout(
            "warning",
            "Get urgent medical help after a session if",
            "<p>you become short of breath, have chest pain that is worse when you breathe in, or feel increasingly "
            "unwell after needling around the chest, upper back, shoulders or neck. These can be signs of a "
            "collapsed lung, which needs prompt assessment, sometimes hours after the session. Call your local "
            "emergency number.</p>",
        ),
        section(
            "precautions",
            "<p>Dry needling is not suitable for everyone. Sources differ on which of these rule it out entirely "
            "and which call for extra care, so tell your practitioner if any apply to you and let them explain "
            "their decision:</p>"
            "<ul><li>a strong fear of needles, or being unable to understand and agree to the treatment</li>"
            "<li>a bleeding disorder, or taking blood thinners (anticoagulants)</li>"
            "<li>pregnancy</li>"
            "<li>children</li>"
            "<li>lymphoedema, or the risk of it, in the area to be treated</li>"
            "<li>an infection or broken skin where the needles would go</li>"
            "<li>epilepsy</li>"
            "<li>implants, a pacemaker or other electrical devices (especially if electrical stimulation through "
            "the needles is planned)</li>"
            "<li>lung disease, or a slim build, when the chest wall or upper back is to be needled</li>"
            "<li>diabetes or a weakened immune system, which raise the risk of infection and slow healing</li></ul>",
        ),
        section(
            "other",
            "<p>Whether a practitioner may legally perform dry needling depends on their profession and on where "
            "they practise. In the United States, most states allow physical therapists to dry needle, some after "
            "a minimum number of training hours (for Colorado, the sources we use give minimums of 46 to 50 hours; "
            "other states differ), while others, such as California and New York, do not allow it; "
            "a few states' laws are silent or unclear. Some Canadian provinces require physiotherapists to be "
            "rostered or authorised before they needle. Rules for chiropractors and acupuncturists differ again.</p>"
            "<p>Every InScope profile shows a <strong>scope check</strong> for each needling technique the "
            "practitioner offers: whether it is within the scope of their licence where they practise, and why "
            "(their licence and whether we have verified it, the rule for their profession, and their certified "
            "training hours against the minimum). Rules change; each one shows its source and when it was last "
            "reviewed.</p>",
            heading="Who may offer dry needling",
        ),
        section(
            "what_to_expect",
            "<p>At a first visit the practitioner should ask about your health and medicines, examine you, explain "
            "what they propose and its risks, and ask for your consent before any needle is used. Some places "
            "require written consent.</p>"
            "<p>You will lie or sit comfortably. The practitioner cleans the skin, and inserts single-use, sterile "
            "needles, often through a small guide tube. Most people feel little as the needle goes in; when it "
            "reaches a sensitive spot you may feel a deep ache, a cramp-like sensation or a brief twitch. Needles may "
            "be moved gently or left in place for a few minutes. You can ask the practitioner to stop at any time.</p>"
            "<p>Dry needling is normally combined with exercise, advice and other hands-on treatment. A session "
            "usually lasts 30 to 60 minutes in all.</p>",
        ),
        section(
            "aftercare",
            "<ul><li>Expect some soreness for a day or two; gentle movement, heat and your usual pain relief can "
            "help.</li>"
            "<li>Keep doing the exercises you have been given unless you are told otherwise.</li>"
            "<li>Tell your practitioner before the next session how you responded, including any bruising or "
            "flare-up.</li>"
            "<li>Watch for the warning signs above if your chest, upper back, shoulders or neck were treated, and "
            "for redness, heat, swelling or discharge at a needle site, which can mean infection.</li></ul>",
        ),
        faq(
            [
                (
                    "Does dry needling hurt?",
                    "<p>The needles are very fine, so insertion is often barely felt. A deep ache or a brief muscle "
                    "twitch is common when the needle reaches a tender spot, and the area may be sore for a day or "
                    "two afterwards.</p>",
                ),
                (
                    "Is dry needling the same as acupuncture?",
                    "<p>They use similar needles, but the reasoning differs: dry needling targets muscles and "
                    "tissues found on examination, while acupuncture chooses points by acupuncture principles. "
                    "The training required and who may legally offer each also differ.</p>",
                ),
                (
                    "How many sessions will I need?",
                    "<p>There is no fixed number. Agree with your practitioner what you expect to change and review "
                    "it after a few sessions; if nothing has improved, it is reasonable to stop.</p>",
                ),
                (
                    "Can dry needling cure my pain?",
                    "<p>No treatment can promise that. At best, research suggests dry needling may ease some "
                    "muscle-related pain for a while, usually alongside exercise. Be wary of anyone who promises "
                    "a cure.</p>",
                ),
                (
                    "How do I know my practitioner is allowed to dry needle?",
                    "<p>Look at the scope check on their InScope profile. It says whether dry needling is within the "
                    "scope of their licence where they practise, and why, with the source of the rule.</p>",
                ),
            ]
        ),
        nearby("Dry needling practitioners near you", technique="dry-needling"),
    ],
}
