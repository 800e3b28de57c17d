"""Offline speech: eSpeak NG (shipped by espeakng-loader) to 16-bit mono PCM or WAV files."""
