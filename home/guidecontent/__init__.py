"""The demo guides, written for InScope: plain words, no cure claims, nothing cited that was not checked.

Each module holds one guide as data (GUIDE: title, slug, kind, the technique or condition
it is about, summary, review date and StreamField body); `manage.py seed_guides` publishes
them. Sources named in the text were checked when the guide was written:
- NICE guideline NG59, "Low back pain and sciatica in over 16s: assessment and management"
  (published November 2016, updated December 2020).
- American College of Physicians, "Noninvasive treatments for acute, subacute, and chronic
  low back pain" (Annals of Internal Medicine, April 2017).
- NHS patient information on sciatica (when to see a GP, when to go to A&E).
- Scope-of-practice facts: shared/reference/dry-needling-scope.md, via the scope rules.
"""

from home.guidecontent import acupuncture, dry_needling, low_back_pain, sciatica

GUIDES = [dry_needling.GUIDE, acupuncture.GUIDE, sciatica.GUIDE, low_back_pain.GUIDE]
