import pytest
from tests.factories import make_clinic, make_practitioner, make_licence, make_location
from search import indexing
from search.backends.database import DatabaseBackend
from search.forms import SearchForm

@pytest.mark.django_db
def test_smoke():
    c = make_clinic("Mile High Physio")
    p = make_practitioner(c, "Anna Ng", bio="<p>Dry needling for sciatica and back pain</p>")
    make_licence(p)
    n = indexing.rebuild_all()
    print("built", n)
    for q in ["dry needling sciatica", "IMS for sciatic pain near Denver", "sciatca", "physio", "Anna", "anna n", "Nng"]:
        f = SearchForm({"q": q, "in_scope": "1" if "IMS" in q else ""})
        assert f.is_valid(), f.errors
        query = f.to_query()
        r = DatabaseBackend().search(query)
        print(q, query.interpretation.as_dict(), r.total, [(h.title, h.distance_km, h.in_scope, h.highlights) for h in r.hits])
        print({k: [(v.value, v.count) for v in vs] for k, vs in r.facets.items()})
    print(DatabaseBackend().autocomplete("mil"))


@pytest.mark.django_db
def test_smoke_es(settings):
    from tests.search.elastic import osmem_config
    from search.backends.elasticsearch import ElasticsearchBackend
    clone, config = osmem_config()
    settings.INSCOPE_SEARCH = config
    c = make_clinic("Mile High Physio")
    p = make_practitioner(c, "Anna Ng", bio="<p>Dry needling for sciatica and back pain</p>")
    make_licence(p)
    indexing.rebuild_all()
    b = ElasticsearchBackend(config)
    print(b.rebuild())
    print(b.status())
    for q in ["dry needling sciatica", "IMS for sciatic pain near Denver", "sciatca", "physio", "Anna", "anna n", "Nng"]:
        f = SearchForm({"q": q})
        assert f.is_valid(), f.errors
        query = f.to_query()
        r = b.search(query)
        print(q, r.total, r.degraded, [(h.title, h.distance_km, h.in_scope, h.highlights, h.score) for h in r.hits])
        print({k: [(v.value, v.count) for v in vs] for k, vs in r.facets.items()})
    print(b.autocomplete("mil"), b.autocomplete("ng"))
