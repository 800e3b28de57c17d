"""Read aloud offline: eSpeak NG speech into WAV files (CLI `speak`), and the window's
word / sentence / paragraph reading played by the system player in a child process."""
from __future__ import annotations

import sys
import wave

import pytest

from reader.core.speech.espeak import shared_speech
from tests.windows import open_scratch, shown_window, start_and_wait

TEXT = "银行行长很高兴。他今天去北京。\n第二段在这里。"


def seconds(path) -> float:
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        return wav.getnframes() / wav.getframerate()


def test_engine_is_available():
    """espeakng-loader's library and Mandarin data load."""
    assert shared_speech().available() == ""


def test_cli_speaks_text_file_stdin_and_article(run_cli, tmp_path):
    """`speak` writes a WAV for a text, a file, stdin and an article; slower is longer."""
    out = tmp_path / "a.wav"
    status, _, err = run_cli("speak", "银行行长很高兴。", "-o", str(out))
    assert status == 0 and "s of speech" in err
    normal = seconds(out)
    assert normal > 0.5
    assert run_cli("speak", "银行行长很高兴。", "--rate", "90", "-o", str(out))[0] == 0
    assert seconds(out) > normal * 1.3
    source = tmp_path / "text.txt"
    source.write_text("你好。", encoding="utf-8")
    assert run_cli("speak", str(source), "-o", str(out))[0] == 0 and seconds(out) > 0.2
    assert run_cli("speak", "-", "--voice", "yue", "-o", str(out), stdin="你好".encode())[0] == 0
    assert run_cli("speak", "--article", "caijing-2019-dowson-tong", "-o", str(out))[0] == 0
    assert seconds(out) > 60


def test_cli_bad_input_is_one_line(run_cli, tmp_path):
    """A bad rate, nothing to say or a folder as output: one line, status 2, no file."""
    for argv, message in ((["x", "--rate", "5"], "--rate"), (["   "], "nothing to read"),
                          (["你好", "-o", str(tmp_path)], "is a folder")):
        if "-o" not in argv:
            argv = [*argv, "-o", str(tmp_path / "b.wav")]
        status, _, err = run_cli("speak", *argv)
        assert status == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / "b.wav").exists()


# -- the window -------------------------------------------------------------------------------
PLAYER = """import os, shutil, sys, time
shutil.copy(sys.argv[-1], sys.argv[-2] + ".part")
os.replace(sys.argv[-2] + ".part", sys.argv[-2])
time.sleep(30)
"""


@pytest.fixture
def window(qtbot, services, tmp_path, monkeypatch):
    """The window with the speech feature; the audio player is a small script that keeps
    a copy of what it was given and plays for 30 s (there is no sound card here)."""
    from reader.ui.speech.feature import install

    script = tmp_path / "player.py"
    script.write_text(PLAYER, encoding="utf-8")
    heard = tmp_path / "heard.wav"
    monkeypatch.setenv("READER_AUDIO_PLAYER", f"{sys.executable} {script} {heard}")
    window = shown_window(qtbot, services)
    feature = install(window, services)
    start_and_wait(qtbot, window)
    open_scratch(qtbot, window, TEXT, "scratch-speak", title="speak")
    yield window, feature, heard
    feature.stop()  # no player left running after the test


def test_ctrl_r_reads_the_sentence_and_esc_stops(qtbot, window):
    """Ctrl+R speaks the sentence at the word cursor off the GUI thread; Esc stops it."""
    from PySide6.QtCore import Qt

    window, feature, heard = window
    view = window.article_view
    view.setFocus()
    view.move_word_cursor(1)  # 银行行长, in the first sentence
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: feature.player.playing and heard.exists(), timeout=60_000)
    first = seconds(heard)
    assert 1.0 < first < 6.0  # one sentence, not the whole text
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not feature.player.playing


def test_word_key_and_paragraph(qtbot, window):
    """R in the popup reads its word; Read Paragraph reads the whole first paragraph."""
    window, feature, heard = window
    view = window.article_view
    assert view.show_popup_for(0)
    assert view.popups.trigger("R")
    qtbot.waitUntil(lambda: feature.player.playing and heard.exists(), timeout=60_000)
    word = seconds(heard)
    heard.unlink()
    feature.paragraph_action.trigger()
    qtbot.waitUntil(lambda: heard.exists() and feature.player.playing, timeout=60_000)
    assert seconds(heard) > 2 * word
    feature.stop()


def test_no_player_says_so(qtbot, window, monkeypatch):
    """Without any audio player the action says so in the status bar."""
    window, feature, _heard = window
    monkeypatch.setenv("READER_AUDIO_PLAYER", "")
    monkeypatch.setenv("PATH", "")
    feature.read("你好")
    qtbot.waitUntil(lambda: "no audio player" in window.statusBar().currentMessage(),
                    timeout=60_000)
    assert not feature.player.playing
