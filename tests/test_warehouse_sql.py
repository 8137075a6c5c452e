"""SQL lives in warehouse/: no statement is written in Python, every query a module names exists,
and the loader finds each named statement of a query file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import warehouse

ROOT = Path(__file__).resolve().parent.parent
# what a statement looks like, case-insensitive, in any string literal that is not a docstring
SQL_WORDS = re.compile(
    r"\b(select\s|insert\s+into\b|delete\s+from\b|create\s|update\s+\w+\s+set\b|drop\s+table\b|copy\s*\()",
    re.IGNORECASE,
)
# the user's own SQL (`newsfacts sql`): its help text may show a statement
USER_SQL = {("src/ingest/cli/query.py", "sql"), ("src/ingest/store/queries.py", "run_sql")}
EXECUTES = {"execute", "executemany", "sql", "query"}


def _python_files() -> list[Path]:
    return sorted(p for folder in ("src", "flows") for p in (ROOT / folder).rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _allowed(tree: ast.AST, rel: str) -> set[int]:
    """Every node inside a user-SQL entry point."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (rel, node.name) in USER_SQL
        for inner in ast.walk(node)
    }


def sql_in_python(source: str, rel: str = "") -> list[str]:
    """Where `source` writes SQL: string literals that read as a statement, and calls of
    `.execute`/`.sql`/… on text built in Python (a literal, an f-string, a concatenation)."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _allowed(tree, rel)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WORDS.search(node.value):
            found.append(f"{rel}:{node.lineno}: {node.value.strip()[:70]!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTES
            and node.args
            and isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp)
        ):
            found.append(f"{rel}:{node.lineno}: .{node.func.attr}() on SQL text written in Python")
    return found


def test_no_sql_statement_is_written_in_python_outside_warehouse() -> None:
    found = [
        hit
        for path in _python_files()
        for hit in sql_in_python(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == [], "move these into warehouse/queries/*.sql and bind their values:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "con.execute(f\"select * from read_parquet('{path}')\")",
        "q = 'insert into facts values (?)'",
        "con.sql('pragma version')",
        "con.execute('drop ' + 'table x')",
        'x = """\n    DELETE FROM quarantine WHERE 1\n"""',
        "def f():\n    return 'create table t (a int)'",
    ],
)
def test_the_check_finds_sql_written_in_python(source: str) -> None:
    assert sql_in_python(source)


def test_the_check_leaves_docstrings_query_names_and_user_sql_alone() -> None:
    source = (
        'def run_sql(statement):\n    """Run a select statement."""\n'
        "    con.sql(statement)\n    con.execute(sql('report.runs'), {'a': 1})\n"
        "    return 'select 1 from user_sql'\n"
    )
    assert sql_in_python(source, "src/ingest/store/queries.py") == []
    assert len(sql_in_python(source, "src/ingest/other.py")) == 1


def test_every_query_a_module_names_is_in_warehouse_queries() -> None:
    names = {
        node.args[0].value
        for path in _python_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "sql"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(names) > 40
    for name in sorted(names):
        assert warehouse.sql(name).strip(), name


def test_a_query_file_holds_named_statements_in_order() -> None:
    steps = warehouse.statements("events_rebuild")
    assert steps[0][0] == "scope" and steps[1][0] == "reports" and steps[-1][0] == "record_inputs"
    assert warehouse.sql("runs.fail").startswith("update runs set status = 'failed'")
    assert warehouse.sql("recent_runs").lstrip().startswith("--")  # a whole file: one statement
    with pytest.raises(KeyError, match="no statement named 'nope'"):
        warehouse.sql("runs.nope")
    with pytest.raises(KeyError, match="no query named 'nope'"):
        warehouse.sql("nope")


def test_the_events_rebuild_drops_every_temporary_table_it_makes() -> None:
    made = set(re.findall(r"create or replace temp table (\w+)", warehouse.sql("events_rebuild")))
    chunks = warehouse.sql("events_chunks")  # a rebuild in chunks: its gathered tables end with it
    made |= set(re.findall(r"create or replace temp table (\w+)", chunks)) - set(
        re.findall(r"drop table (\w+)", chunks)
    )
    dropped = set(re.findall(r"drop table if exists (\w+)", warehouse.sql("events_check.drop_temp")))
    assert made and made == dropped
