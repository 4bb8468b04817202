"""Hostile input (issue 22): what a pull request or a shared cache folder brings must never run
code, hang the run, hide claims or forge output. Each test here failed on the main branch before
its fix; all run the installed CLI.
"""
from __future__ import annotations

import json
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import TODAY

CLAIM = "Zinc lozenges cure a cold overnight.\n"


def run(cwd, *args, timeout=120, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimlint", "--today", TODAY, *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, **(env or {})})


def codes(proc) -> list[str]:
    return [f["code"] for f in json.loads(proc.stdout)["findings"]]


class _Payload:
    """Unpickling this writes a file: proof that code ran."""

    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


def test_a_planted_pickle_in_the_cache_folder_never_runs(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    assert codes(run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")) == ["CL202"]
    proof = tmp_path / "pwned"
    for kept in list(cache.glob("rules-*")) + [cache / f"rules-{'0' * 64}.pickle"]:
        kept.write_bytes(pickle.dumps(_Payload(proof)))
    for entry in (cache / "v3").rglob("*.json"):
        entry.write_bytes(pickle.dumps(_Payload(proof)))
    (tmp_path / "b.md").write_text(CLAIM.replace("Zinc", "Honey"), encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md", "b.md")
    assert codes(proc) == ["CL202", "CL202"] and not proof.exists()


def test_a_forged_result_or_expression_table_is_not_trusted(tmp_path):
    """Another writer of the folder can neither hide a claim (a forged, empty result) nor switch a
    rule off (a compiled program swapped in the expression table): neither carries this user's seal."""
    cache = tmp_path / "cache"
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")
    for entry in (cache / "v3").rglob("*.json"):
        key = entry.stem
        entry.write_text(json.dumps({"key": key, "findings": [], "facts": {}}), encoding="utf-8")
    (table_path,) = cache.glob("regex-*.bin")
    never = ((frozenset({"\x00never\x00"}),), None, False, False, ())
    from claimlint.integrity import unseal
    table = marshal.loads(unseal(table_path.read_bytes()))
    table_path.write_bytes(marshal.dumps({k: (never if k[0] == "prefilter" else v) for k, v in table.items()}))
    assert codes(run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")) == ["CL202"]
    # with another user's key, this user's entries are not read either (and nothing breaks)
    other = run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md",
                env={"CLAIMLINT_KEY_FILE": str(tmp_path / "other-key")})
    assert codes(other) == ["CL202"] and "Traceback" not in other.stderr


BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] +
                 [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)])  # 10**9 values


def test_a_yaml_alias_bomb_in_front_matter_is_refused_and_the_rest_is_checked(tmp_path):
    (tmp_path / "bomb.md").write_text(f"---\n{BOMB}\n---\n\n{CLAIM}", encoding="utf-8")
    (tmp_path / "loop.md").write_text(f"---\ntitle: &t [*t]\n---\n\n{CLAIM}", encoding="utf-8")
    (tmp_path / "good.md").write_text(CLAIM, encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2,CL901", ".", timeout=60)
    found = {(Path(f["path"]).name, f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {("bomb.md", "CL901"), ("bomb.md", "CL202"), ("loop.md", "CL901"), ("loop.md", "CL202"),
                     ("good.md", "CL202")}, proc.stderr
    messages = [f["message"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "CL901"]
    assert any("more than 100,000 values" in m for m in messages) and any("refers to itself" in m for m in messages)


def test_a_yaml_alias_bomb_in_a_pack_or_a_configuration_is_an_error(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(f"vocabulary_defaults:\n  {BOMB.replace(chr(10), chr(10) + '  ')}\nrules: []\n",
                                        encoding="utf-8")
    proc = run(tmp_path, "--no-cache", "--rules", "pack.yaml", "a.md", timeout=60)
    assert proc.returncode == 2 and "pack.yaml" in proc.stderr and "100,000 values" in proc.stderr
    (tmp_path / ".claimlint.yaml").write_text(f"html:\n  boilerplate-selectors: &s [nav]\nx_defaults:\n  {BOMB.replace(chr(10), chr(10) + '  ')}\n",
                                              encoding="utf-8")
    proc = run(tmp_path, "--no-cache", "a.md", timeout=60)
    assert proc.returncode == 2 and ".claimlint.yaml" in proc.stderr and "100,000 values" in proc.stderr


def test_pipes_devices_loops_binaries_and_huge_files_are_named_and_the_rest_is_checked(tmp_path):
    os.mkfifo(tmp_path / "fifo.md")  # opening it for reading would wait for a writer forever
    os.symlink("/dev/zero", tmp_path / "zero.md")  # reading it would never end
    os.symlink(tmp_path / "loop2.md", tmp_path / "loop1.md")
    os.symlink(tmp_path / "loop1.md", tmp_path / "loop2.md")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "big.md").write_text(CLAIM * 40_000, encoding="utf-8")  # about 1.5 MB
    (tmp_path / "good.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / ".claimlint.yaml").write_text("max-file-size: 1MB\n", encoding="utf-8")
    for args in (["."], ["fifo.md", "zero.md", "loop1.md", "binary.txt", "big.md", "good.md"]):
        proc = run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2", *args, timeout=60)
        out = json.loads(proc.stdout)
        assert proc.returncode == 2 and [Path(f["path"]).name for f in out["findings"]] == ["good.md"]
        errors = "\n".join(out["errors"])
        assert "fifo.md: not a regular file" in errors and "zero.md: not a regular file" in errors
        assert "loop1.md: a symbolic link that leads nowhere" in errors
        assert "binary.txt: a binary file" in errors and "more than the limit of 1.0 MB (max-file-size)" in errors
    proc = run(tmp_path, "--no-cache", "--rules", "/dev/zero", "good.md", timeout=60)
    assert proc.returncode == 2 and "/dev/zero: not a regular file" in proc.stderr


def test_lone_cr_line_endings_give_the_findings_and_lines_of_lf(tmp_path):
    bodies = {"md": "# Zinc\n\nZinc lozenges cure a cold overnight.\n\nRoughly 7 in 10 users saw fewer colds.\n",
              "txt": "Zinc\n\nZinc lozenges cure a cold overnight.\nRoughly 7 in 10 users saw fewer colds.\n",
              "html": "<h1>Zinc</h1>\n<p>Zinc lozenges cure a cold\novernight.</p>\n<p>Roughly 7 in 10 users saw fewer colds.</p>\n"}
    for ext, body in bodies.items():
        (tmp_path / f"lf.{ext}").write_bytes(body.encode())
        (tmp_path / f"cr.{ext}").write_bytes(body.replace("\n", "\r").encode())
        (tmp_path / f"crlf.{ext}").write_bytes(body.replace("\n", "\r\n").encode())
    proc = run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2", ".")
    out = json.loads(proc.stdout)
    assert out["errors"] == [] and proc.returncode == 1
    by_file: dict[str, list] = {}
    for f in out["findings"]:  # a span's text with its line ends written as LF
        text = f["text"].replace("\r\n", "\n").replace("\r", "\n")
        by_file.setdefault(f["path"], []).append((f["code"], f["line"], f["column"], f["end_line"], text))
    for ext in bodies:
        assert by_file[f"lf.{ext}"], ext
        assert by_file[f"cr.{ext}"] == by_file[f"lf.{ext}"] == by_file[f"crlf.{ext}"], ext


def test_markup_nested_too_deeply_is_reported_and_never_hides_what_follows(tmp_path):
    shallow = "- " * 30 + "x\n\n" + CLAIM  # deeper than markdown-it's default (20): parsed whole now
    deep = "- " * 150 + "x\n\n" + CLAIM + "\n" + "- " * 150 + "y\n\nRoughly 7 in 10 users saw fewer colds.\n"
    ladder = "".join("  " * i + "- level\n" for i in range(130)) + "\n" + CLAIM
    for name, text in (("shallow.md", shallow), ("deep.md", deep), ("ladder.md", ladder)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = json.loads(run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2,CL904", ".").stdout)
    found = sorted((f["path"], f["line"], f["code"]) for f in out["findings"])
    assert ("shallow.md", 3, "CL202") in found and not any(p == "shallow.md" and c == "CL904" for p, _, c in found)
    assert [(line, code) for p, line, code in found if p == "deep.md"] == [
        (1, "CL904"), (3, "CL202"), (5, "CL904"), (7, "CL201")]
    assert ("ladder.md", 132, "CL202") in found and any(p == "ladder.md" and c == "CL904" for p, _, c in found)


def test_message_templates_may_name_only_known_values(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    pack = ("rules:\n  - code: XX403\n    name: house-words\n    kind: pattern\n    severity: warning\n"
            "    message: {message}\n    summary: s\n    options:\n      patterns:\n        - {{pattern: 'zinc'}}\n")
    for message, words in (('"{0}"', "'{0}' is not a value"), ('"{text:>999999999}"', "may not carry a format"),
                           ('"{text.__class__}"', "is not a value")):
        (tmp_path / "pack.yaml").write_text(pack.format(message=message), encoding="utf-8")
        proc = run(tmp_path, "--no-cache", "--rules", "pack.yaml", "a.md", timeout=60)
        assert proc.returncode == 2 and "pack.yaml:6: rules[0].message: " in proc.stderr and words in proc.stderr
    (tmp_path / ".claimlint.yaml").write_text("rules:\n  CL403:\n    patterns:\n      - {pattern: zinc, message: '{0}'}\n",
                                              encoding="utf-8")
    proc = run(tmp_path, "--no-cache", "a.md", timeout=60)
    assert proc.returncode == 2 and "rules.CL403.patterns[0].message" in proc.stderr


def test_a_rules_folder_gives_its_yml_files_and_subfolders(tmp_path):
    (tmp_path / "a.md").write_text("Take zinc-up daily. Try zinc-down too.\n", encoding="utf-8")
    rule = ("rules:\n  - code: {code}\n    name: {name}\n    kind: pattern\n    severity: warning\n    message: m\n"
            "    summary: s\n    options:\n      patterns:\n        - {{pattern: '{word}'}}\n")
    (tmp_path / "packs" / "more").mkdir(parents=True)
    (tmp_path / "packs" / "up.yml").write_text(rule.format(code="XX001", name="up", word="zinc-up"), encoding="utf-8")
    (tmp_path / "packs" / "more" / "down.yaml").write_text(rule.format(code="XX002", name="down", word="zinc-down"),
                                                           encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--no-cache", "--rules", "packs", "--select", "XX", "a.md")
    assert codes(proc) == ["XX001", "XX002"]


def test_marks_ordinals_and_units_in_superscript_are_not_citations(tmp_path):
    page = ("<p>ZincUp<sup>®</sup> cures colds overnight.</p>\n<p>ZincUp<sup>TM</sup> cures colds overnight.</p>\n"
            "<p>A 20 m<sup>2</sup> room cures colds overnight.</p>\n<p>The 1<sup>st</sup> lozenge cures colds overnight.</p>\n"
            "<p>Zinc cures colds overnight.<sup>1</sup></p>\n")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    out = json.loads(run(tmp_path, "--format", "json", "--no-cache", "--select", "CL202", "a.html").stdout)
    assert [f["line"] for f in out["findings"]] == [1, 2, 3, 4]  # the last one is cited


def test_a_folder_that_is_not_a_cache_is_never_written_to(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    proc = run(tmp_path, "--cache-dir", ".", "--select", "CL2", "a.md")
    assert proc.returncode == 1 and "not a claimlint cache folder" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_interrupted_and_unwritable_runs_have_their_own_exit_statuses(tmp_path):
    import signal
    import time

    for i in range(400):
        (tmp_path / f"a{i:03}.md").write_text(CLAIM * 40, encoding="utf-8")
    reader, writer = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "claimlint", "--no-cache", "--select", "CL2", "-j", "1", "."],
                            cwd=tmp_path, stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    os.close(reader)  # nobody reads the report
    assert proc.wait(timeout=300) == 3
    (tmp_path / "long.md").write_text(CLAIM * 60_000, encoding="utf-8")  # about 2 MB: many seconds to check
    proc = subprocess.Popen([sys.executable, "-m", "claimlint", "--no-cache", "--select", "CL2", "long.md"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(2.5)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130 and b"interrupted" in proc.stderr.read()


def test_pathological_blocks_are_checked_in_linear_time_and_whole(tmp_path):
    """'1% ' x 6,667 in one sentence took 71-84 s (each candidate searched its whole sentence; the
    overlap scan was quadratic); a 1.2 MB hard-wrapped paragraph was refused by spaCy (E088) and
    left the file unchecked. The time limit is a guard against a hang, not a speed measurement
    (bench/linear.py measures that)."""
    (tmp_path / "percent.md").write_text("# R\n\n" + "1% " * 6667, encoding="utf-8")
    (tmp_path / "wrapped.txt").write_text("Zinc lozenges cure a cold overnight and\n" * 30_000, encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2", ".", timeout=90)
    out = json.loads(proc.stdout)
    assert out["errors"] == [], out["errors"]
    wrapped = [f for f in out["findings"] if f["path"] == "wrapped.txt"]
    assert len(wrapped) >= 1 and wrapped[-1]["line"] > 29_000  # checked to the end


def test_deeply_nested_html_loads_in_linear_time(tmp_path):
    """20,000 nested <li><ul> took 49.5 s and 40,000 <div> 46.5 s: every tag walked the whole stack.
    (A guard against a hang, not a speed measurement.)"""
    after = "<p>Zinc lozenges cure a cold overnight.</p>"
    (tmp_path / "lists.html").write_text("<ul>" + "<li><ul>" * 20_000 + "x" + "</ul></li>" * 20_000 + "</ul>" + after,
                                         encoding="utf-8")
    (tmp_path / "divs.html").write_text("<div>" * 40_000 + after + "</div>" * 40_000, encoding="utf-8")
    (tmp_path / "links.html").write_text("<p>" + "<a href=" * 14_000 + "</p>" + after, encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--no-cache", "--select", "CL2", ".", timeout=60)
    assert sorted(f["path"] for f in json.loads(proc.stdout)["findings"]) == ["divs.html", "links.html", "lists.html"]


def test_a_backtracking_pattern_in_a_teams_pack_costs_one_file_its_time_budget(tmp_path):
    """`(\\w+\\s?)+$` on 30 words ran past 120 s; now the file is stopped after its budget
    (file-timeout) and reported, and the other files are checked."""
    (tmp_path / "pack.yaml").write_text(
        "rules:\n  - code: XX001\n    name: slow\n    kind: pattern\n    severity: warning\n    message: m\n"
        "    summary: s\n    options:\n      patterns:\n        - {pattern: '(\\w+\\s?)+$'}\n", encoding="utf-8")
    (tmp_path / "words.md").write_text("word " * 30 + "!\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("Zinc lozenges cure a cold overnight\n", encoding="utf-8")  # matches at once
    (tmp_path / ".claimlint.yaml").write_text("rule-packs: [pack.yaml]\nselect: [XX, CL2]\nfile-timeout: 2\n",
                                              encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--no-cache", "words.md", "good.md", timeout=60)
    out = json.loads(proc.stdout)
    assert proc.returncode == 2 and {(f["path"], f["code"]) for f in out["findings"]} == {
        ("good.md", "CL202"), ("good.md", "XX001")}
    assert out["errors"] == ["words.md: not checked: stopped after 2 s (the time budget for one file; "
                             "see --file-timeout)"]


def test_file_names_cannot_forge_lines_or_break_machine_formats(tmp_path):
    (tmp_path / os.fsdecode(b"bad\xffname.md")).write_text(CLAIM, encoding="utf-8")
    (tmp_path / "forged\nx.md:9:9: error CL999 [fake] planted.md").write_text(CLAIM, encoding="utf-8")
    for fmt in ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson"):
        proc = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--select", "CL202", "--format", fmt,
                               "."], capture_output=True, cwd=tmp_path, timeout=120)
        out = proc.stdout.decode("utf-8")  # valid UTF-8 in every format
        assert "CL999" not in "".join(line for line in out.splitlines() if line.startswith("x.md")), fmt
        assert not any(line.startswith("x.md:9:9") for line in out.splitlines()), fmt
        if fmt in ("json", "sarif", "gitlab", "rdjson"):
            json.loads(out)
    findings = json.loads(run(tmp_path, "--format", "json", "--no-cache", "--select", "CL202", ".").stdout)["findings"]
    assert sorted(f["path"] for f in findings) == ["bad\\xffname.md", "forged\\x0ax.md:9:9: error CL999 [fake] planted.md"]


def test_unclosed_and_broken_front_matter_are_reported(tmp_path):
    (tmp_path / "open.md").write_text("---\ntitle: Zinc\nreviewer: Dr Ana Ruiz\n\n" + CLAIM, encoding="utf-8")
    (tmp_path / "toml.md").write_text('+++\ntitle = "Zinc\n+++\n\n' + CLAIM, encoding="utf-8")
    (tmp_path / "rule.md").write_text("---\n\nZinc is a mineral.\n", encoding="utf-8")  # a thematic break
    out = json.loads(run(tmp_path, "--format", "json", "--no-cache", "--select", "CL901", ".").stdout)
    found = {(f["path"], f["line"]): f["message"] for f in out["findings"]}
    assert set(found) == {("open.md", 1), ("toml.md", 2)}
    assert "never closed" in found[("open.md", 1)] and "not valid TOML" in found[("toml.md", 2)]


def test_jobs_has_a_ceiling(monkeypatch):
    from claimlint import runner

    seen = []

    def pool(batches, engines, cache, workers, check, die_with_parent=False):
        seen.append(workers)
        return ((n, check(batch, engines, cache)) for n, batch in enumerate(batches))

    monkeypatch.setattr(runner, "pool_results", pool)
    jobs = [runner.Job(i, f"a{i}.md", None, "text", source="Zinc is a mineral. " * 5000) for i in range(4000)]
    plan = runner.plan(jobs, None)

    class Engine:
        def load(self, *args):
            raise runner.LoadError("not needed")

    runner.execute(plan, [Engine()], None, 100_000)
    assert seen == [runner.max_workers()] and runner.max_workers() <= 4 * (os.cpu_count() or 1)


def test_the_cache_can_be_cleaned_whole_or_of_what_no_run_used(tmp_path):
    import time

    cache = tmp_path / "cache"
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(CLAIM.replace("Zinc", name), encoding="utf-8")
    run(tmp_path, "--cache-dir", cache, "--select", "CL2", "a.md", "b.md")
    entries = sorted((cache / "v3").rglob("*.json"))
    assert len(entries) == 2
    old = time.time() - 40 * 86400
    for entry in entries:
        os.utime(entry, (old, old))
    run(tmp_path, "--cache-dir", cache, "--select", "CL2", "a.md")  # a hit marks a.md's entry used
    proc = subprocess.run([sys.executable, "-m", "claimlint", "clean", "--cache-dir", str(cache), "--older-than", "30"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("Removed 1 file")
    assert len(list((cache / "v3").rglob("*.json"))) == 1 and (cache / "CACHEDIR.TAG").exists()
    proc = subprocess.run([sys.executable, "-m", "claimlint", "clean", "--cache-dir", str(cache)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and not cache.exists()
    proc = subprocess.run([sys.executable, "-m", "claimlint", "clean", "--cache-dir", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "not a claimlint cache folder" in proc.stderr and (tmp_path / "a.md").exists()
