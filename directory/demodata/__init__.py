"""Demo data for InScope: fictional clinics and practitioners in real places.

Key ideas:
- plan.py decides everything from a seed, with no database: the same seed and size
  give the same clinics, people, licences and fees (dates are relative to today).
- build.py saves a plan through the same paths an editor uses, skipping clinics and
  practitioners that already exist (by slug), so running it again adds nothing.
- places.py, people.py and credentials.py are the tables: real neighbourhoods and
  roads, common names, licence number shapes, real course providers, local fees.
- Licence scenarios make every branch of the scope check appear (plan.SCENARIOS).
- Other apps add their own demo steps through the "seed_demo" Wagtail hook (run.py).

Entry points: manage.py seed_demo, or plan_demo() then build_clinic() and
build_practitioner() for generators that want the same data at another scale.
"""
