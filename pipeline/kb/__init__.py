"""The knowledge base across articles: many extract outputs merged into one SQLite file.

`python -m pipeline kb build OUT...` (build.py) reads `annotations.jsonl`,
`entities.jsonl` and `triples.jsonl` line by line and merges them incrementally;
keys.py says when two names are the same, identity.py who is who, store.py holds
the schema, query.py answers `kb person|org|doc|position`, rdf.py, neo4j.py and
datasette.py (+ metadata.json) export, cli.py registers the commands, and
synthetic.py generates articles to measure the build at scale.
"""
