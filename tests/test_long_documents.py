"""Long documents (issue 14): each linear algorithm against the quadratic one it replaced, on
seeded random inputs; pieces cut where they should be; and a 2.5 M-character document through
`extract` and `batch` with the same mentions as its pieces processed apart."""

from __future__ import annotations

import json
import random
import re

import pandas as pd
import pytest

from pipeline.intervals import Intervals
from pipeline.pieces import piece_bounds
from pipeline.stages.rules.entities import FullNameIndex
from pipeline.tables import enclosing
from tests.conftest import SEED, run_cli

# --------------------------------------------------------------------------- the old ways


def old_parent(key: tuple, keys: list[tuple]) -> tuple | None:
    """tables._parent before the sweep: every mention compared with every other."""
    start, end, _ = key
    best = None
    for other in keys:
        if other[:2] == (start, end) or not (other[0] <= start and end <= other[1]):
            continue
        if best is None or other[1] - other[0] < best[1] - best[0]:
            best = other
    return best


def random_keys(rng: random.Random, n: int, span: int) -> list[tuple]:
    keys = []
    for _ in range(n):
        start = rng.randrange(span)
        keys.append((start, start + rng.randrange(0, 12), rng.choice("ABC")))
    return sorted(keys, key=lambda k: (k[0], -k[1], k[2]))


@pytest.mark.parametrize("seed", range(40))
def test_enclosing_sweep_equals_pairwise_search(seed):
    rng = random.Random(seed)
    keys = random_keys(rng, rng.randrange(0, 120), rng.choice([10, 40, 300]))
    assert enclosing(keys) == [old_parent(k, keys) for k in keys]


@pytest.mark.parametrize("seed", range(40))
def test_interval_queries_equal_scanning_all(seed):
    rng = random.Random(seed)
    pairs = [(s, s + rng.randrange(0, 8)) for s in rng.choices(range(60), k=rng.randrange(30))]
    intervals = Intervals(pairs)
    for _ in range(50):
        start = rng.randrange(-2, 62)
        end = start + rng.randrange(0, 8)
        assert intervals.contain(start, end) == any(a <= start and end <= b for a, b in pairs)
        assert intervals.overlap(start, end) == any(a < end and start < b for a, b in pairs)


@pytest.mark.parametrize("seed", range(40))
def test_full_name_index_equals_scanning_all_full_names(seed):
    rng = random.Random(seed)
    lemmas = [f"w{i}" for i in range(rng.choice([3, 8, 20]))]
    full = list(
        dict.fromkeys(
            tuple(rng.sample(lemmas, rng.randrange(2, 4))) for _ in range(rng.randrange(25))
        )
    )
    index = FullNameIndex(full)
    for _ in range(40):
        core = set(rng.sample(lemmas, rng.randrange(0, 3)))
        key = tuple(core) if rng.random() < 0.5 else rng.choice(full or [()])
        expected = [k for k in full if k != key and core and core <= set(k)]
        assert index(core, key) == expected


# --------------------------------------------------------------------------- pieces


@pytest.mark.parametrize("seed", range(30))
def test_pieces_cover_the_text_and_respect_the_size(seed):
    rng = random.Random(seed)
    parts = ["Слово", " ", "\n", "\n\n", ". ", "! ", "«Имя»", "x" * rng.randrange(1, 50)]
    text = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 3000)))
    size = rng.choice([1000, 1500, 4000])
    bounds = piece_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= size for start, end in bounds) or text == ""


@pytest.mark.parametrize(
    ("text", "cut_after"),
    [
        ("а" * 700 + ".\n\n" + "б" * 200 + "\n" + "в" * 400, "а" * 700 + ".\n\n"),  # blank line
        ("а" * 700 + ". " + "б" * 200 + "\n" + "в" * 400, "а" * 700 + ". " + "б" * 200 + "\n"),
        ("а" * 700 + ". Б" + "б" * 200 + " " + "в" * 400, "а" * 700 + ". "),  # sentence end
        ("а" * 700 + " " + "б" * 600, "а" * 700 + " "),  # a space
        ("а" * 1300, "а" * 1000),  # nothing to cut at
    ],
)
def test_pieces_are_cut_at_paragraph_else_sentence_else_space(text, cut_after):
    assert piece_bounds(text, 1000)[0] == (0, len(cut_after))


def test_a_short_text_is_one_piece():
    assert piece_bounds("Короткий текст.", 1000) == [(0, 15)]


# --------------------------------------------------------------------------- page


# --------------------------------------------------------------------------- whole runs

COMPARED = ["type", "start", "end", "text", "normal", "value", "unit", "timex", "sector"]
PIECE = 30_000  # configs/pipeline.toml [long_documents] piece_chars


@pytest.fixture(scope="module")
def long_text() -> str:
    """The seed article (without its dateline) repeated to 2.5 M characters."""
    article = re.sub(r"\A\s*date \S+\s*", "", SEED.read_text(encoding="utf-8")).strip()
    return "\n\n".join([article] * (2_500_000 // (len(article) + 2) + 1))


@pytest.fixture(scope="module")
def expected(tmp_path_factory, long_text) -> pd.DataFrame:
    """The mentions of the long text's pieces, each processed as a document of its own and
    moved to its offset. The text repeats, so its pieces are a few texts many times: each
    distinct one runs once."""
    bounds = piece_bounds(long_text, PIECE)
    distinct = list(dict.fromkeys(long_text[s:e] for s, e in bounds))
    folder = tmp_path_factory.mktemp("pieces")
    lines = [
        json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(distinct)
    ]
    (folder / "pieces.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("extract", folder / "pieces.jsonl", "--out", folder / "out", "--no-progress")
    assert result.returncode == 0, result.stderr
    mentions = pd.read_parquet(folder / "out" / "mentions.parquet")
    by_piece = {t: mentions[mentions["doc_id"] == f"p{i}"] for i, t in enumerate(distinct)}
    shifted = []
    for start, end in bounds:
        piece = by_piece[long_text[start:end]].copy()
        piece[["start", "end"]] += start
        shifted.append(piece)
    return pd.concat(shifted, ignore_index=True)


def check_long_mentions(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    order = ["start", "end", "type"]
    got = found.sort_values(order).reset_index(drop=True)[COMPARED]
    want = expected.sort_values(order).reset_index(drop=True)[COMPARED]
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert found["mention_id"].is_unique
    parents = found.dropna(subset=["parent_id"])
    assert parents["parent_id"].isin(found["mention_id"]).all()
    # Linked across pieces: a name has one id in the whole text (the same text repeats, so
    # apart from the pieces, each name's mentions would get as many ids as pieces chose).
    names = found[found["type"].isin(["ORG", "PER", "LOC"])]
    assert names.groupby(["type", "text"])["entity_id"].nunique().max() == 1


@pytest.mark.slow
def test_a_long_document_goes_through_extract(tmp_path, long_text, expected):
    text = long_text
    assert len(text) >= 2_500_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = run_cli("extract", tmp_path / "long.txt", "--out", tmp_path / "out", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    check_long_mentions(pd.read_parquet(tmp_path / "out" / "mentions.parquet"), expected)
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents["characters"].tolist() == [len(text)]
    # Past [long_documents] page_chars (1,000,000) the page shows the first part, and says so.
    page = (tmp_path / "out" / "annotated.html").read_text(encoding="utf-8")
    assert len(page) > 1_000_000 and f"of the document's {len(text):,} characters" in page


@pytest.mark.slow
def test_a_long_document_goes_through_batch(tmp_path, long_text, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(long_text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("batch", corpus, "--out", out, "--no-progress", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert not (pd.read_csv(out / "errors.csv")).shape[0]
    check_long_mentions(pd.read_parquet(out / "mentions"), expected)


def test_extract_names_the_file_instead_of_a_traceback(tmp_path, monkeypatch, capsys):
    """A pipeline failure on one input is one line naming the file."""
    from pipeline import cli
    from pipeline.commands import extract

    article = tmp_path / "a.txt"
    article.write_text("date 2025-03-01\n\nКомпания «Газпром» сообщила о прибыли.", "utf-8")

    def broken(*args, **kwargs):
        raise ValueError("stage exploded\nsecond line")

    monkeypatch.setattr(extract, "_extract_file", broken)
    code = cli.main(["extract", str(article), "--out", str(tmp_path / "out"), "--no-progress"])
    assert code == 1
    assert (
        capsys.readouterr().err == f"error: {article}: pipeline error: stage exploded second line\n"
    )


@pytest.mark.parametrize("value", ["0", "999", "'big'", "true", "1.5e5"])
def test_piece_size_must_be_a_sensible_whole_number(tmp_path, value):
    from pipeline.config import load_config
    from pipeline.errors import InputError

    config = tmp_path / "pipeline.toml"
    config.write_text(f"[pipeline]\nstages = []\n[long_documents]\npiece_chars = {value}\n")
    with pytest.raises(InputError, match="piece_chars"):
        load_config(config)


def test_piece_size_comes_from_the_config(tmp_path, nlp):
    from pipeline.config import load_config
    from pipeline.runner import piece_size

    config = tmp_path / "pipeline.toml"
    config.write_text("[pipeline]\nstages = []\n[long_documents]\npiece_chars = 5000\n")
    assert load_config(config).long_documents["piece_chars"] == 5000
    assert piece_size(nlp) == 30_000  # configs/pipeline.toml
