#!/usr/bin/env python3
"""Independent HRV reference values for test/fixtures/hrv/hrv-reference.json.

For the first 300 s of a few MIT-BIH records, reads the reference beat annotations (.atr, parsed
here, not with the SDK's reader), forms RR intervals between consecutive beats and marks an
interval normal (NN) when both of its beats are annotated N. Then computes, with numpy and
scipy.signal.lombscargle (not the SDK's code):
  mean NN, SDNN (n-1), RMSSD and pNN50 over successive NN pairs that directly follow each other,
  LF (0.04-0.15 Hz) and HF (0.15-0.4 Hz): sum of psd(f) * 0.001 over f = 0.001..0.5 Hz in
  0.001 Hz steps, with psd = 2 T P / N, P the Lomb-Scargle periodogram of the mean-removed NN
  series (ms) at the beat times (s), T the NN time span, N the NN count.
The fixture holds the inputs (beat times, RR, normal flags) and these values, so the test runs
without the dataset.

Usage: python3 scripts/hrv_reference.py [DATA_DIR]   (default $SCL_WEAR_DATA or ../shared/data)
"""
import json
import os
import sys

import numpy as np
from scipy.signal import lombscargle

RECORDS = ['100', '119', '203']
SECONDS = 300.0
RATE = 360.0
SYMBOLS = ' NLRaVFJASEj/Q~ | sT*D"=pB^t+u?![]en@xf()r'
BEATS = set('NLRBaJASVrFejnE/fQ?')


def read_atr(path):
    """Returns [(sample, symbol)] from an MIT-format annotation file."""
    data = open(path, 'rb').read()
    out, t, p = [], 0, 0
    while p + 1 < len(data):
        word = data[p] | (data[p + 1] << 8)
        p += 2
        if word == 0:
            break
        code, value = word >> 10, word & 0x3FF
        if code == 59:  # SKIP: 32-bit interval, high word first
            hi = data[p] | (data[p + 1] << 8)
            lo = data[p + 2] | (data[p + 3] << 8)
            t += (hi << 16) | lo
            p += 4
        elif code == 63:  # AUX text
            p += value + (value & 1)
        elif 60 <= code <= 62:
            pass
        else:
            t += value
            out.append((t, SYMBOLS[code] if code < len(SYMBOLS) else '?'))
    return out


def reference(times, rr, normal):
    nn_ms = rr[normal] * 1000.0
    nn_t = times[normal]
    diffs = []
    for i in range(1, len(rr)):
        if normal[i] and normal[i - 1] and abs(times[i] - rr[i] - times[i - 1]) <= 1e-3:
            diffs.append((rr[i] - rr[i - 1]) * 1000.0)
    diffs = np.array(diffs)
    freqs = 0.001 * np.arange(1, 501)
    y = nn_ms - nn_ms.mean()
    p = lombscargle(nn_t - nn_t[0], y, 2 * np.pi * freqs, normalize=False, floating_mean=False)
    span = nn_t[-1] - nn_t[0]
    psd = 2.0 * span * p / len(nn_ms)
    band = lambda lo, hi: float(psd[(freqs >= lo) & (freqs < hi)].sum() * 0.001)
    lf, hf = band(0.04, 0.15), band(0.15, 0.4)
    return {
        'nn': int(len(nn_ms)),
        'meanNn': float(nn_ms.mean()),
        'sdnn': float(nn_ms.std(ddof=1)),
        'rmssd': float(np.sqrt(np.mean(diffs ** 2))),
        'pnn50': float(100.0 * np.mean(np.abs(diffs) > 50)),
        'lf': lf,
        'hf': hf,
        'lfHf': lf / hf,
    }


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('SCL_WEAR_DATA', '../shared/data')
    out = []
    for rec in RECORDS:
        beats = [(s, sym) for s, sym in read_atr(os.path.join(data, 'mitdb', rec + '.atr')) if sym in BEATS]
        beats = [(s, sym) for s, sym in beats if s / RATE <= SECONDS]
        samples = np.array([s for s, _ in beats], dtype=float)
        times = np.round(samples[1:] / RATE, 9)
        rr = np.round(np.diff(samples) / RATE, 9)
        normal = np.array([beats[i][1] == 'N' and beats[i + 1][1] == 'N' for i in range(len(beats) - 1)])
        out.append({
            'record': rec,
            'time': times.tolist(),
            'rr': rr.tolist(),
            'normal': [int(v) for v in normal],
            'reference': reference(times, rr, normal),
        })
    dest = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'hrv', 'hrv-reference.json')
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, 'w') as f:
        json.dump({'source': 'scripts/hrv_reference.py', 'seconds': SECONDS, 'records': out}, f)
        f.write('\n')
    for r in out:
        print(r['record'], json.dumps(r['reference']))


if __name__ == '__main__':
    main()
