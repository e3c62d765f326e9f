"""The ``match`` command-line contract: good runs and every bad-input case (exit status 2)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corridor.matching.cli import main
from corridor.matching.records import INPUT_COLUMNS
from corridor.matching.tests.conftest import read_rows


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=INPUT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    return main(list(argv), stderr=err), err.getvalue()


@pytest.fixture(scope="module")
def two_files(generated_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    rows = read_rows(generated_csv)[:800]
    folder = tmp_path_factory.mktemp("cli")
    return _write(folder / "left.csv", rows[::2]), _write(folder / "right.csv", rows[1::2])


def test_link_writes_pairs_with_the_contract_header(two_files, tmp_path):
    left, right = two_files
    out = tmp_path / "pairs.csv"
    status, err = run(
        "link", "--left", str(left), "--right", str(right), "--out", str(out), "--threshold", "0.6"
    )
    assert status == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["left_id", "right_id", "match_probability"]
    assert all(float(r["match_probability"]) >= 0.6 for r in rows)
    assert "match: compared" in err  # progress on stderr


def test_dedupe_writes_pairs(two_files, tmp_path):
    out = tmp_path / "pairs.csv"
    status, err = run("dedupe", "--input", str(two_files[0]), "--out", str(out))
    assert status == 0, err
    assert out.read_text(encoding="utf-8").startswith(
        '"left_id","right_id","match_probability"'
    ) or out.read_text(encoding="utf-8").startswith("left_id,right_id,match_probability")


def test_missing_columns_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,family_name\n1,Asanov\n", encoding="utf-8")
    status, err = run("dedupe", "--input", str(bad), "--out", str(tmp_path / "o.csv"))
    assert status == 2
    assert "missing column(s): given_name" in err
    assert "Traceback" not in err


def test_wrong_encoding_exit_2(tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes((",".join(INPUT_COLUMNS) + "\n1,Işık,Ömer,,,,,,,\n").encode("cp1254"))
    status, err = run("dedupe", "--input", str(bad), "--out", str(tmp_path / "o.csv"))
    assert status == 2
    assert "not valid UTF-8" in err


@pytest.mark.parametrize(
    ("content", "message"), [("", "the file is empty"), (",".join(INPUT_COLUMNS) + "\n", "no records")]
)
def test_empty_files_exit_2(tmp_path, content, message):
    bad = tmp_path / "empty.csv"
    bad.write_text(content, encoding="utf-8")
    status, err = run("dedupe", "--input", str(bad), "--out", str(tmp_path / "o.csv"))
    assert status == 2
    assert message in err


def test_missing_file_exit_2(tmp_path):
    status, err = run(
        "link", "--left", str(tmp_path / "nope.csv"), "--right", str(tmp_path / "nope.csv"), "--out", "x"
    )
    assert status == 2
    assert "cannot read the file" in err


def test_duplicate_record_ids_exit_2(tmp_path):
    bad = tmp_path / "dup.csv"
    bad.write_text(",".join(INPUT_COLUMNS) + "\n1,A,B,,,,,,,\n1,C,D,,,,,,,\n", encoding="utf-8")
    status, err = run("dedupe", "--input", str(bad), "--out", str(tmp_path / "o.csv"))
    assert status == 2
    assert "unique" in err


@pytest.mark.parametrize(
    "argv", [["dedupe"], ["frobnicate"], ["dedupe", "--input", "a", "--out", "b", "--threshold", "2"]]
)
def test_usage_errors_exit_2(argv):
    status, err = run(*argv)
    assert status == 2
    assert "usage error" in err


def test_encode_and_link_encoded(two_files, tmp_path):
    secret = tmp_path / "secret"
    secret.write_bytes(b"a shared secret of the two registries")
    encoded = []
    for index, path in enumerate(two_files):
        out = tmp_path / f"enc{index}.csv"
        status, err = run("encode", "--input", str(path), "--out", str(out), "--secret-file", str(secret))
        assert status == 0, err
        assert "Ж" not in out.read_text(encoding="utf-8")
        encoded.append(out)
    pairs = tmp_path / "pairs.csv"
    status, err = run(
        "link", "--encoded", "--left", str(encoded[0]), "--right", str(encoded[1]), "--out", str(pairs)
    )
    assert status == 0, err
    assert len(pairs.read_text(encoding="utf-8").splitlines()) > 10


def test_link_encoded_rejects_plain_records(two_files, tmp_path):
    left, right = two_files
    status, err = run(
        "link", "--encoded", "--left", str(left), "--right", str(right), "--out", str(tmp_path / "p")
    )
    assert status == 2
    assert "not an encodings file" in err


def test_short_secret_exit_2(two_files, tmp_path):
    secret = tmp_path / "secret"
    secret.write_bytes(b"short")
    status, err = run(
        "encode", "--input", str(two_files[0]), "--out", str(tmp_path / "e"), "--secret-file", str(secret)
    )
    assert status == 2
    assert "at least 16 bytes" in err


def test_call_command_runs_the_same_contract(two_files, tmp_path):
    # the app is in INSTALLED_APPS, so Django finds the command; arguments pass through unchanged
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = tmp_path / "pairs.csv"
    err = io.StringIO()
    call_command("match", "dedupe", "--input", str(two_files[0]), "--out", str(out), stderr=err)
    header = out.read_text(encoding="utf-8").splitlines()[0].replace('"', "")
    assert header == "left_id,right_id,match_probability"
    assert "match: compared" in err.getvalue()
    with pytest.raises(CommandError) as excinfo:
        call_command("match", "dedupe", "--input", str(tmp_path / "nope.csv"), "--out", str(out), stderr=err)
    assert excinfo.value.returncode == 2


def test_a_row_with_too_few_fields_exit_2_and_names_the_row(tmp_path):
    bad = tmp_path / "short.csv"
    bad.write_text(",".join(INPUT_COLUMNS) + "\n1,Asanov,Bakyt,,,,,,,\n2,Usenov,Ali\n", encoding="utf-8")
    status, err = run("dedupe", "--input", str(bad), "--out", str(tmp_path / "o.csv"))
    assert status == 2
    assert "expected 10 fields, found 3" in err
    assert "2,Usenov,Ali" in err
    assert not (tmp_path / "o.csv").exists()


def test_quoted_commas_line_breaks_a_byte_order_mark_and_blank_lines_are_read(tmp_path):
    # given: a spreadsheet export with a BOM, a quoted birthplace holding a comma and a line break
    text = (
        "\ufeff" + ",".join(INPUT_COLUMNS) + "\n"
        '1,Asanov,Bakyt,,1990-01-02,M,KGZ,"Osh, Kara-Suu",,a\n\n'
        '2, Asanov ,Bakyt,,1990-01-02,M,KGZ,"Osh,\nKara-Suu",,b\n'
    )
    good = tmp_path / "bom.csv"
    good.write_text(text, encoding="utf-8")
    # when
    from corridor.matching.records import read_records_csv

    table = read_records_csv(good)
    # then
    assert table["record_id"].to_pylist() == ["1", "2"]
    assert table["family_name"].to_pylist() == ["Asanov", "Asanov"]  # outer spaces trimmed
    assert table["birth_place"].to_pylist() == ["Osh, Kara-Suu", "Osh,\nKara-Suu"]


def test_the_corridor_command_runs_match_with_the_same_contract(two_files, tmp_path, capsys):
    from corridor.cli import main as corridor

    out = tmp_path / "pairs.csv"
    with pytest.raises(SystemExit) as good:
        corridor(["match", "dedupe", "--input", str(two_files[0]), "--out", str(out)])
    with pytest.raises(SystemExit) as bad:
        corridor(["match", "dedupe", "--input", str(tmp_path / "nope.csv"), "--out", str(out)])
    assert good.value.code == 0
    assert list(next(csv.reader(out.open(encoding="utf-8")))) == ["left_id", "right_id", "match_probability"]
    assert bad.value.code == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_the_installed_command_writes_the_pairs_and_exits_with_the_contracts_status(two_files, tmp_path):
    import subprocess
    import sys

    command = Path(sys.executable).with_name("corridor")
    out = tmp_path / "pairs.csv"
    good = subprocess.run(  # noqa: S603
        [
            command,
            "match",
            "link",
            "--left",
            str(two_files[0]),
            "--right",
            str(two_files[1]),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    bad = subprocess.run(  # noqa: S603
        [command, "match", "dedupe", "--input", str(tmp_path / "nope.csv"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert "match: wrote" in good.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and list(rows[0]) == ["left_id", "right_id", "match_probability"]
    assert bad.returncode == 2
    assert "cannot read the file" in bad.stderr and "Traceback" not in bad.stderr
