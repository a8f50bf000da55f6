"""The full-text index over search documents, in each database's own way.

SQLite: an FTS5 table over the documents' text fields (external content, so the text is stored
once), kept in step by triggers on every insert, update and delete. PostgreSQL: a stored,
generated tsvector column with a GIN index; titles and names use the 'simple' configuration so
that titles which are common words ("Up", "Her", "It") stay searchable, the other text 'english'
(stemmed, stop words dropped).
"""

from django.db import migrations

FIELDS = ("title", "other_titles", "people", "keywords", "text")
TABLE = "search_searchdocument"

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    + ", ".join(FIELDS)
    + f", content='{TABLE}', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
    f"CREATE TRIGGER search_fts_insert AFTER INSERT ON {TABLE} BEGIN"
    f" INSERT INTO search_fts(rowid, {', '.join(FIELDS)})"
    f" VALUES (new.id, {', '.join('new.' + f for f in FIELDS)}); END",
    f"CREATE TRIGGER search_fts_delete AFTER DELETE ON {TABLE} BEGIN"
    f" INSERT INTO search_fts(search_fts, rowid, {', '.join(FIELDS)})"
    f" VALUES ('delete', old.id, {', '.join('old.' + f for f in FIELDS)}); END",
    f"CREATE TRIGGER search_fts_update AFTER UPDATE ON {TABLE} BEGIN"
    f" INSERT INTO search_fts(search_fts, rowid, {', '.join(FIELDS)})"
    f" VALUES ('delete', old.id, {', '.join('old.' + f for f in FIELDS)});"
    f" INSERT INTO search_fts(rowid, {', '.join(FIELDS)})"
    f" VALUES (new.id, {', '.join('new.' + f for f in FIELDS)}); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]

PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title || ' ' || other_titles), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, people), 'B')"
    " || setweight(to_tsvector('english'::regconfig, keywords), 'C')"
    " || setweight(to_tsvector('english'::regconfig, text), 'D')"
)
# A stored generated column, so ranking reads the vector instead of parsing the text again;
# Django does not know the column, and never writes it.
PG_CREATE = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    f"CREATE INDEX search_document_fts ON {TABLE} USING GIN (search_vector)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS search_document_fts",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": PG_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": PG_DROP}),
        )
    ]
