"""The settings tree and its one signature: the report names the settings that produced it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecompare import compare
from sourcecompare.errors import UnknownComponent
from sourcecompare.settings import AlignSettings, CompareSettings, SegmentSettings, Settings

ZH = "1959年，共有6,637名日本人前往北韓。\n\n衞生條件很差，約有1,828人保留日本國籍。\n"
EN = "In 1959, 6,836 Japanese went to North Korea.\n\nAbout 1,831 kept Japanese nationality.\n"


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return [zh, en]


def test_each_part_says_its_own_signature() -> None:
    sig = Settings(
        segment=SegmentSettings(config="tw2sp"),
        align=AlignSettings(mode="comparable", unit="sentence"),
        match=CompareSettings(threshold=0.5),
    ).signature()
    assert "|opencc:tw2sp|seg:rjieba|" in sig
    assert "|align:comparable|unit:sentence|" in sig
    assert "threshold=0.5" in sig
    assert sig != Settings().signature()


@pytest.mark.parametrize(
    ("make", "valid"),
    [
        (lambda: SegmentSettings(config="nope"), "hk2s"),
        (lambda: SegmentSettings(segmenter="nope"), "rjieba"),
        (lambda: AlignSettings(mode="diagonal"), "comparable"),
        (lambda: AlignSettings(unit="chapter"), "sentence"),
    ],
)
def test_an_unknown_name_lists_the_valid_ones(make: object, valid: str) -> None:
    with pytest.raises(UnknownComponent, match=valid):
        make()  # type: ignore[operator]


def test_the_report_signature_is_the_settings_used(pair: list[Path]) -> None:
    run = Settings(segment=SegmentSettings(config="tw2sp"), align=AlignSettings(mode="comparable"))
    report = compare(pair, settings=run)
    assert report.signature == run.signature()
    # the documents were segmented with those settings, not the defaults
    assert all(d.signature.endswith(run.segment.signature()) for d in report.documents)
    assert {a.mode for a in report.alignments} == {"comparable"}


def test_the_script_configuration_reaches_the_aligner(
    pair: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The aligner reads Chinese in the normalisation the settings chose, as segmentation
    does, not in the default one."""
    import sourcecompare.align as align_module

    real = align_module.align
    seen: list[str] = []

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(str(kwargs.get("config")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(align_module, "align", spy)
    compare(pair, settings=Settings(segment=SegmentSettings(config="none")))
    assert seen == ["none"]


def test_the_signature_does_not_carry_one_pair_s_data(pair: list[Path], tmp_path: Path) -> None:
    # a third document with wiki links changes each alignment's own lexicon, not the report's
    other = tmp_path / "other.wikitext"
    other.write_text("[[North Korea]] took 6,637 [[Japanese people|Japanese]] in 1959.\n")
    two = compare(pair)
    three = compare([other, *pair])
    assert len({a.signature for a in three.alignments}) > 1
    assert two.signature == three.signature == Settings().signature()


def test_matching_settings_alone_and_the_mode_option(pair: list[Path]) -> None:
    strict = CompareSettings(threshold=0.9)
    report = compare(pair, settings=strict, mode="parallel")
    expected = Settings(align=AlignSettings(mode="parallel"), match=strict)
    assert report.signature == expected.signature()
    assert {a.mode for a in report.alignments} == {"parallel"}
