import pytest

from pipeline.config import DEFAULT_CONFIG, load_config
from pipeline.errors import InputError
from pipeline.runner import build_pipeline


def test_stage_order_follows_config(nlp):
    config = load_config()
    assert nlp.pipe_names == [s.name for s in config.stages]
    assert nlp.pipe_names[:2] == ["morphology", "ner"]


def test_reordered_and_trimmed_config(tmp_path):
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    start = text.index("stages = [")
    end = text.index("]", start) + 1
    custom = tmp_path / "pipeline.toml"
    custom.write_text(text[:start] + 'stages = ["ner", "morphology"]' + text[end:], "utf-8")
    nlp = build_pipeline(load_config(custom))
    assert nlp.pipe_names == ["ner", "morphology"]


def test_stage_without_table_is_an_error(tmp_path):
    bad = tmp_path / "pipeline.toml"
    bad.write_text('[pipeline]\nstages = ["nothing"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="nothing"):
        load_config(bad)


def test_malformed_config_names_file(tmp_path):
    bad = tmp_path / "pipeline.toml"
    bad.write_text("[pipeline\n", encoding="utf-8")
    with pytest.raises(InputError, match="pipeline.toml"):
        load_config(bad)
