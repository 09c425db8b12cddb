"""schema.org JSON-LD for guides (directory.structured_data does clinics and practitioners)."""


def guide_structured_data(page, request=None):
    """MedicalWebPage about the guide's treatment or condition, plus FAQPage when it has FAQs."""
    url = page.get_full_url(request)
    about = None
    technique = getattr(page, "technique", None)
    condition = getattr(page, "condition", None)
    if technique is not None:
        about = {"@type": "MedicalTherapy", "name": technique.name}
    elif condition is not None:
        about = {"@type": "MedicalCondition", "name": condition.name}
    data = [
        {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": page.title,
            "description": page.summary,
            "url": url,
            **({"lastReviewed": page.last_reviewed.isoformat()} if page.last_reviewed else {}),
            **({"about": about} if about else {}),
        }
    ]
    entries = page.faq_entries
    if entries:
        data.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "url": url,
                "mainEntity": [
                    {"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}
                    for question, answer in entries
                ],
            }
        )
    return data
