#!/usr/bin/env python3
"""Writes test/fixtures/dsp-reference.json: reference outputs of the IIR filters, computed with
SciPy (an implementation independent of ours) for test/dsp/biquad.test.ts.

    python3 scripts/dsp-reference.py    # needs numpy and scipy

Band-pass filters are built the way scl-wear defines them: a Butterworth high-pass of order N
followed by a Butterworth low-pass of order N.
"""
import json
import pathlib

import numpy as np
from scipy import signal

N_IMPULSE = 64


def butter(kind, cutoff, fs, order):
    return signal.butter(order, cutoff, btype=kind, fs=fs, output="sos")


def bandpass(low, high, fs, order):
    return np.vstack([butter("highpass", low, fs, order), butter("lowpass", high, fs, order)])


def notch(f0, fs, q):
    b, a = signal.iirnotch(f0, q, fs=fs)
    return signal.tf2sos(b, a)


def impulse(sos):
    x = np.zeros(N_IMPULSE)
    x[0] = 1.0
    return signal.sosfilt(sos, x).tolist()


cases = []
for kind, cutoff, fs, order in [
    ("lowpass", 5.0, 50.0, 1), ("lowpass", 5.0, 50.0, 2), ("lowpass", 5.0, 50.0, 3),
    ("lowpass", 5.0, 50.0, 4), ("lowpass", 40.0, 360.0, 5), ("lowpass", 20.0, 50.0, 6),
    ("highpass", 0.5, 360.0, 2), ("highpass", 0.3, 50.0, 3), ("highpass", 10.0, 100.0, 1),
]:
    spec = {"type": kind, "cutoff": cutoff, "order": order}
    cases.append({"spec": spec, "rate": fs, "impulse": impulse(butter(kind, cutoff, fs, order))})
for low, high, fs, order in [(0.5, 40.0, 360.0, 2), (1.0, 20.0, 50.0, 3)]:
    spec = {"type": "bandpass", "low": low, "high": high, "order": order}
    cases.append({"spec": spec, "rate": fs, "impulse": impulse(bandpass(low, high, fs, order))})
for f0, fs, q in [(50.0, 360.0, 30.0), (60.0, 250.0, 10.0)]:
    spec = {"type": "notch", "frequency": f0, "q": q}
    cases.append({"spec": spec, "rate": fs, "impulse": impulse(notch(f0, fs, q))})

# A signal with a DC offset, filtered from the steady state of its first sample
# (scipy's sosfilt_zi scaled by x[0], what BiquadCascade.prime does).
fs = 360.0
t = np.arange(720) / fs
x = 1.5 + np.sin(2 * np.pi * 1.2 * t) + 0.3 * np.sin(2 * np.pi * 50.0 * t) + 0.1 * np.sin(2 * np.pi * 90.0 * t)
x = x.astype(np.float32).astype(np.float64)
sos = np.vstack([bandpass(0.5, 40.0, fs, 2), notch(50.0, fs, 30.0)])
y, _ = signal.sosfilt(sos, x, zi=signal.sosfilt_zi(sos) * x[0])
primed = {
    "specs": [{"type": "bandpass", "low": 0.5, "high": 40.0, "order": 2}, {"type": "notch", "frequency": 50.0, "q": 30.0}],
    "rate": fs, "input": x.tolist(), "output": y.tolist(),
}

out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "dsp-reference.json"
out.write_text(json.dumps({"generator": "scripts/dsp-reference.py (scipy " + __import__("scipy").__version__ + ")",
                           "impulse": cases, "primed": primed}, indent=1) + "\n")
print(f"wrote {out}")
