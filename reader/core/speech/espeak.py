"""Mandarin and Cantonese speech with eSpeak NG, fully offline.

The `espeakng-loader` wheel ships eSpeak NG's shared library and its data (Mandarin `cmn`,
Cantonese `yue`); this module drives it through ctypes in synchronous mode, so audio comes
back as 16-bit mono PCM chunks to a callback (written to a WAV file, or played). eSpeak is
not thread-safe: every call holds one lock. Without the package or its library, `Speech`
says why in one line (`SpeechError`) and nothing else breaks.
"""
from __future__ import annotations

import ctypes
import os
import threading
import wave
from collections.abc import Callable
from pathlib import Path

VOICES = {"cmn": "Mandarin", "yue": "Cantonese"}
DEFAULT_RATE = 175  # words per minute, eSpeak's default
MIN_RATE, MAX_RATE = 80, 400
_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS
_RATE = 1  # espeakRATE
_CHARACTER = 1  # POS_CHARACTER
_UTF8 = 1  # espeakCHARS_UTF8
_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.c_void_p)
_lock = threading.Lock()


class SpeechError(RuntimeError):
    """Speech is not available, or failed (one line for the reader)."""


class Speech:
    """eSpeak NG loaded once; `synthesize` streams PCM to a sink."""

    def __init__(self) -> None:
        self._lib = None
        self.sample_rate = 0
        self._callback = None
        self._sink: Callable[[bytes], None] | None = None
        self._stop: Callable[[], bool] | None = None

    def _load(self):
        if self._lib is not None:
            return self._lib
        try:
            import espeakng_loader
        except ImportError:
            raise SpeechError("no speech engine: the espeakng-loader package is not "
                              "installed") from None
        try:
            lib = ctypes.cdll.LoadLibrary(espeakng_loader.get_library_path())
        except OSError as exc:
            raise SpeechError(f"the eSpeak NG library could not be loaded ({exc})") from None
        data = Path(espeakng_loader.get_data_path())
        lib.espeak_Initialize.restype = ctypes.c_int
        rate = lib.espeak_Initialize(_SYNCHRONOUS, 0, os.fsencode(data.parent), 0)
        if rate <= 0:
            raise SpeechError("eSpeak NG could not start (its data folder is missing)")
        self._callback = _CALLBACK(self._on_audio)
        lib.espeak_SetSynthCallback(self._callback)
        self._lib, self.sample_rate = lib, rate
        return lib

    def start(self) -> int:
        """Load eSpeak NG now (SpeechError if it cannot); returns its sample rate."""
        with _lock:
            self._load()
        return self.sample_rate

    def available(self) -> str:
        """'' when speech works, else why not (one line)."""
        try:
            with _lock:
                self._load()
            return ""
        except SpeechError as exc:
            return str(exc)

    def _on_audio(self, wav, count: int, _events) -> int:
        if self._stop is not None and self._stop():
            return 1  # eSpeak stops synthesising
        if wav and count > 0 and self._sink is not None:
            self._sink(ctypes.string_at(wav, count * 2))
        return 0

    def synthesize(self, text: str, sink: Callable[[bytes], None], voice: str = "cmn",
                   rate: int = DEFAULT_RATE, stop: Callable[[], bool] | None = None) -> int:
        """Speak `text` into `sink` (16-bit mono PCM at `sample_rate`); returns the rate.
        `stop()` returning True ends it early."""
        if voice not in VOICES:
            raise SpeechError(f"unknown voice {voice!r}; use {', '.join(VOICES)}")
        data = text.strip().encode("utf-8")
        with _lock:
            lib = self._load()
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"eSpeak NG has no {VOICES[voice]} voice")
            lib.espeak_SetParameter(_RATE, max(MIN_RATE, min(MAX_RATE, int(rate))), 0)
            self._sink, self._stop = sink, stop
            try:
                if data and lib.espeak_Synth(data, len(data) + 1, 0, _CHARACTER, 0, _UTF8,
                                             None, None) != 0:
                    raise SpeechError("eSpeak NG could not speak this text")
                lib.espeak_Synchronize()
            finally:
                self._sink = self._stop = None
        return self.sample_rate


def write_wav(speech: Speech, text: str, path: Path, voice: str = "cmn",
              rate: int = DEFAULT_RATE) -> float:
    """Speak `text` into a WAV file written beside `path` then moved there; returns seconds."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    frames = 0
    sample_rate = speech.start()
    try:
        with wave.open(str(tmp), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(sample_rate)

            def sink(chunk: bytes) -> None:
                nonlocal frames
                frames += len(chunk) // 2
                out.writeframesraw(chunk)

            speech.synthesize(text, sink, voice, rate)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return frames / sample_rate if sample_rate else 0.0


_shared: Speech | None = None


def shared_speech() -> Speech:
    """The process's one Speech (eSpeak keeps global state)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Speech()
        return _shared
