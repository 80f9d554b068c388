"""One word for the role in code and on the command line: `--role` everywhere (the Indonesian
`--peran` still accepted, as scripts written before say it), read as `args.role`."""

from __future__ import annotations

import pytest

from pantau.cli import _parser

CASES = [
    ["report", "--format", "xlsx", "--out", "p.xlsx"],
    ["sk", "lampiran", "--versi", "1", "--format", "xlsx", "--out", "l.xlsx"],
    ["daftar-verval", "--periode", "2026-09", "--out", "d.xlsx"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: a[0])
@pytest.mark.parametrize("flag", ["--role", "--peran"])
def test_role_and_peran_set_the_same_role(args, flag):
    parsed = _parser().parse_args([*args, flag, "kepala"])
    assert parsed.role == "kepala"
    assert not hasattr(parsed, "peran")


def test_an_unknown_role_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as exit_:
        _parser().parse_args(["report", "--format", "xlsx", "--out", "p.xlsx", "--role", "admin"])
    assert exit_.value.code == 2
    assert "invalid choice: 'admin'" in capsys.readouterr().err
