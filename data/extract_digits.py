"""Extract the 8×8 handwritten digits of notebook 06 into data/digits.csv.gz (run once).

    python data/extract_digits.py

Needs scikit-learn (a test-only requirement) for this one-off extraction; the
notebooks read the CSV with ``utils.load_dataset("digits")`` and never import
scikit-learn. ``sklearn.datasets.load_digits`` reads the copy of the data that
ships *inside* the scikit-learn package: nothing is downloaded.

The data: "Optical Recognition of Handwritten Digits" by E. Alpaydin and
C. Kaynak, UCI Machine Learning Repository (https://doi.org/10.24432/C50P49),
licensed under Creative Commons Attribution 4.0 (CC BY 4.0). scikit-learn ships
the 1,797 test-set images of that data set (32×32 bitmaps reduced to 8×8 by
counting the set pixels in each 4×4 block, so each value is 0..16).

Writes ``digits.csv.gz`` next to this script: a few ``#`` comment lines with
the attribution, a header ``p0,...,p63,label``, then one row per image: the 64
pixels row by row (integers 0..16), then the digit 0..9. The gzip header holds
no time stamp, so running this again gives a byte-identical file.
"""
import gzip
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "digits.csv.gz"

ATTRIBUTION = [
    "# 8x8 handwritten digits: 1797 images, 64 pixels each (row by row, integers 0..16), then the digit.",
    "# Source: 'Optical Recognition of Handwritten Digits', E. Alpaydin and C. Kaynak,",
    "# UCI Machine Learning Repository, https://doi.org/10.24432/C50P49",
    "# Licence: Creative Commons Attribution 4.0 International (CC BY 4.0).",
    "# (its test part: 1797 images by 13 writers; 32x32 scans, each value counts the inked pixels of a 4x4 block).",
    "# Taken from the copy bundled with scikit-learn (sklearn.datasets.load_digits)",
    "# by data/extract_digits.py; values unchanged.",
]


def main():
    from sklearn.datasets import load_digits  # only here: the notebooks never import sklearn

    digits = load_digits()
    pixels = np.asarray(digits.data)
    labels = np.asarray(digits.target)
    assert pixels.shape == (1797, 64) and labels.shape == (1797,)
    assert np.all(pixels == np.round(pixels)) and pixels.min() >= 0 and pixels.max() <= 16
    pixels = pixels.astype(int)

    header = ",".join([f"p{i}" for i in range(64)] + ["label"])
    rows = [",".join(map(str, row)) + f",{int(label)}" for row, label in zip(pixels, labels)]
    text = "\n".join(ATTRIBUTION + [header] + rows) + "\n"
    with open(OUT, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(text.encode("utf-8"))
    counts = np.bincount(labels, minlength=10)
    print(f"wrote {OUT.name}: {len(labels)} images; per digit: {counts.tolist()}; "
          f"{OUT.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
