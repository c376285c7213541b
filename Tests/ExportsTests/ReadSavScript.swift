/// The Python side of ``SavReader``: reads an SPSS system file with pyreadstat and prints its
/// dictionary and data as JSON. Kept in Swift rather than as a `.py` file in the test target, which
/// SwiftPM would warn about as an unhandled file; ``SavReader`` writes it next to the file it reads.
enum ReadSavScript {
    static let source = #"""
#!/usr/bin/env python3
"""Reads an SPSS system file with pyreadstat (ReadStat, what R's haven and Python use) and prints
its dictionary and data as JSON, so the Swift tests can check that every value and label of an
export reads back as written.

Usage: python3 read_sav.py FILE.sav

Exit status 3 (with a message naming the pip package) when pyreadstat is not installed.
"""
import datetime
import json
import math
import sys

try:
    import pyreadstat
except ImportError:
    print("the Python package 'pyreadstat' is not installed: pip install pyreadstat", file=sys.stderr)
    sys.exit(3)


def plain(value):
    """A JSON-able value: NaN (system-missing) becomes null, dates ISO text, numpy scalars Python ones."""
    if value is None:
        return None
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def main():
    data, meta = pyreadstat.read_sav(sys.argv[1], output_format="dict")
    names = list(meta.column_names)
    print(json.dumps({
        "names": names,
        "labels": dict(zip(names, meta.column_labels)),
        "value_labels": {
            name: [[plain(value), label] for value, label in labels.items()]
            for name, labels in meta.variable_value_labels.items()
        },
        "formats": meta.original_variable_types,
        "measures": meta.variable_measure,
        "file_label": meta.file_label,
        "encoding": meta.file_encoding,
        "rows": meta.number_rows,
        "data": {name: [plain(value) for value in data[name]] for name in names},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
"""#
}
