"""A topic is skipped on a re-run exactly when its inputs and its settings are unchanged: the
record's key signs the settings tree (``Settings.signature()``), the signature the report
itself carries, so a change in any part of the settings runs the topic again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcecompare.batch import Topic, compare_many
from sourcecompare.compare import CompareSettings
from sourcecompare.report import load_json
from sourcecompare.settings import AlignSettings, SegmentSettings, Settings

ZH = "1959年，約有93000人從日本前往北韓，其中約6800人是日本人。\n"
EN = "In 1959, about 93,000 people went from Japan to North Korea; some 6,800 were Japanese.\n"


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> Topic:
    folder = tmp_path_factory.mktemp("settings-in")
    (folder / "zh.txt").write_text(ZH, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    return Topic("t", (str(folder / "zh.txt"), str(folder / "en.txt")))


def _ran(topic: Topic, out: Path, **how: object) -> bool:
    (result,) = compare_many([topic], out, workers=1, table=False, **how)  # type: ignore[arg-type]
    assert result.status == "done", result.error
    return not result.skipped


def test_a_rerun_skips_exactly_when_inputs_and_settings_are_unchanged(
    topic: Topic, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _ran(topic, out)
    record = json.loads((out / "state" / "t.json").read_text(encoding="utf-8"))
    report = load_json(out / "topics" / "t" / "report.json")
    # one signature: the record's is the report's is the default tree's
    assert record["signature"] == report.signature == Settings().signature()
    # the defaults, however they are asked for, are the same settings: skipped
    assert not _ran(topic, out)
    assert not _ran(topic, out, settings=Settings())
    assert not _ran(topic, out, settings=CompareSettings())
    assert not _ran(topic, out, mode="auto")
    # a change in any part of the tree runs the topic again (and then it is the one kept)
    jieba = Settings(segment=SegmentSettings(segmenter="jieba"))
    assert _ran(topic, out, settings=jieba)
    assert load_json(out / "topics" / "t" / "report.json").signature == jieba.signature()
    assert not _ran(topic, out, settings=jieba)
    assert _ran(topic, out, settings=Settings(align=AlignSettings(unit="sentence")))
    assert _ran(topic, out, settings=CompareSettings(threshold=0.5))
    assert _ran(topic, out, mode="parallel", settings=CompareSettings(threshold=0.5))
    assert not _ran(topic, out, mode="parallel", settings=CompareSettings(threshold=0.5))
    # and so does a change in the inputs' bytes, with the settings as they were
    en = Path(topic.documents[1])
    en.write_text(EN.replace("6,800", "6,900"), encoding="utf-8")
    try:
        assert _ran(topic, out, mode="parallel", settings=CompareSettings(threshold=0.5))
    finally:
        en.write_text(EN, encoding="utf-8")
