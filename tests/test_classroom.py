"""The classroom hub (docs/classroom.md): its configuration, the course copy, the Zero to
JupyterHub values checked against the measurements, and a three-learner load test."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from lowback.classroom import (
    COURSE_DIR,
    FIRST_LESSON,
    HUB_DIR,
    USERNAME_PATTERN,
    copy_course,
    trust_unchanged,
)

ROOT = Path(__file__).resolve().parents[1]
MEASURED = json.loads((ROOT / "docs" / "classroom-measured.json").read_text())
VALUES = yaml.safe_load((ROOT / "docs" / "z2jh-values.yaml").read_text())
LAST_LINE = re.compile(
    r"^(\d+) learners: spawn p50 [\d.]+ s p95 [\d.]+ s, control update p95 \d+ ms, "
    r"memory per learner \d+ MB, failures (\d+)$"
)


def load_config(**env: str):
    from traitlets.config.loader import PyFileConfigLoader

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return PyFileConfigLoader("jupyterhub_config.py", path=str(HUB_DIR)).load_config()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_the_hub_serves_this_computer_only_with_approved_accounts():
    c = load_config(LOWBACK_ADMIN="teacher")
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.JupyterHub.authenticator_class == "native"
    assert c.NativeAuthenticator.open_signup is False, "the instructor approves each learner"
    assert c.Authenticator.admin_users == {"teacher"}
    assert c.JupyterHub.admin_access is False
    assert re.fullmatch(USERNAME_PATTERN, "root") and not re.fullmatch(USERNAME_PATTERN, "../x")


def test_each_learner_gets_limits_the_culler_and_lesson_zero():
    c = load_config()
    assert c.JupyterHub.spawner_class == "lowback.classroom.ClassroomSpawner"
    assert c.Spawner.cmd[1:] == ["-m", "lowback.classroom", "singleuser"]
    assert c.Spawner.default_url == f"/lab/tree/{COURSE_DIR}/{FIRST_LESSON}"
    assert c.Spawner.mem_limit == "1G" and c.Spawner.cpu_limit == 1.0
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert culler["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "idle-culler")
    assert "delete:servers" in role["scopes"]
    proxy = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    assert c.ConfigurableHTTPProxy.command == [str(proxy)]
    assert c.JupyterHub.cleanup_servers and c.JupyterHub.cleanup_proxy


def test_the_test_authenticator_only_in_the_load_test():
    c = load_config(LOWBACK_CHECK_USERS="a,b")
    assert c.JupyterHub.authenticator_class == "dummy"
    assert c.Authenticator.allowed_users == {"a", "b"}
    assert c.ClassroomSpawner.account_prefix != "lb-", "test accounts never clash with a class's"


def test_the_proxy_is_pinned_in_its_own_lock_and_installed_by_make_test():
    package = json.loads((HUB_DIR / "package.json").read_text())
    lock = json.loads((HUB_DIR / "package-lock.json").read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\$\(HUB\)", make, re.M)
    assert "cd classroom && npm ci" in make


def _notebook(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(text)]), path)


def test_the_course_copy_never_overwrites_a_learners_work(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    source, mine = tmp_path / "course", tmp_path / "home" / COURSE_DIR
    for n in range(3):
        _notebook(source / "notebooks" / f"0{n}_lesson.ipynb", f"x = {n}")
    (source / "images").mkdir()
    (source / "images" / "a.png").write_bytes(b"png")
    assert len(copy_course(source, mine)) == 4
    _notebook(mine / "notebooks" / "01_lesson.ipynb", "x = 'my own work'")
    (mine / "notebooks" / "02_lesson.ipynb").unlink()
    again = copy_course(source, mine)
    assert again == [mine / "notebooks" / "02_lesson.ipynb"], "only the deleted lesson returns"
    assert "my own work" in (mine / "notebooks" / "01_lesson.ipynb").read_text()
    trusted = trust_unchanged(source, mine)
    assert [p.name for p in trusted] == ["00_lesson.ipynb", "02_lesson.ipynb"]
    from nbformat.sign import NotebookNotary

    nb = nbformat.read(mine / "notebooks" / "00_lesson.ipynb", as_version=4)
    assert NotebookNotary().check_signature(nb)


def test_the_kubernetes_values_follow_the_measurements():
    """docs/z2jh-values.yaml (a class of 200) against docs/classroom-measured.json."""
    per = MEASURED["per_learner"]
    user = VALUES["singleuser"]

    def mb(size: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)([MG])", size).groups()
        return float(number) * (1024 if unit == "G" else 1)

    guarantee, limit = mb(user["memory"]["guarantee"]), mb(user["memory"]["limit"])
    assert per["memory_mb"] <= guarantee <= 2 * per["memory_mb"], "guarantee = measured + margin"
    assert limit >= 2 * guarantee, "room for a second open lesson's kernel"
    assert per["cpu_busy"] <= user["cpu"]["guarantee"] <= 1
    assert user["cpu"]["limit"] >= 1, "a start needs a whole core for a few seconds"
    # the class: 200 learners' guarantees fit the planned nodes
    plan = VALUES["custom"]["lowback"]["class"]
    assert plan["learners"] == 200
    nodes, node_mem, node_cpu = plan["nodes"], plan["node_memory_gb"], plan["node_cpus"]
    assert 200 * guarantee <= nodes * node_mem * 1024 * 0.9
    assert 200 * user["cpu"]["guarantee"] <= nodes * node_cpu * 0.9
    assert VALUES["cull"]["enabled"] and VALUES["cull"]["timeout"] == 3600
    assert "gitpuller" in " ".join(user["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert user["defaultUrl"] == f"/lab/tree/{COURSE_DIR}/{FIRST_LESSON}"
    hub = VALUES["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == "nativeauthenticator.NativeAuthenticator"
    assert hub["NativeAuthenticator"]["open_signup"] is False
    assert "repo2docker" in (ROOT / "docs" / "z2jh-values.yaml").read_text()


def test_the_measurements_are_recorded():
    assert MEASURED["largest_class_meeting_targets"] >= 0
    sizes = [r["learners"] for r in MEASURED["runs"]]
    assert sizes == sorted(sizes) and len(sizes) >= 3
    doc = (ROOT / "docs" / "classroom.md").read_text()
    assert f"**{MEASURED['largest_class_meeting_targets']} learner" in doc


def _hub_ready() -> str | None:
    """Why the load test cannot run here, or None. In CI it must run."""
    if (HUB_DIR / ".installed").exists():
        return None
    if shutil.which("make") and shutil.which("npm"):
        done = subprocess.run(["make", "-s", "classroom/.installed"], cwd=ROOT)
        if done.returncode == 0:
            return None
        return "make classroom/.installed failed"
    return "the classroom hub needs npm (Node.js) for its proxy: run make classroom/.installed"


def test_three_learners_at_once(tmp_path):
    """The load test at CI size: the real hub, proxy, accounts and limits, three learners."""
    reason = _hub_ready()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path / "summary.json"
    done = subprocess.run(
        [sys.executable, "-m", "lowback.classroom_check", "-n", "3", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=170,
        cwd=ROOT,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    match = LAST_LINE.match(last)
    assert match and match.groups() == ("3", "0"), last
    summary = json.loads(out.read_text())
    assert summary["left_running"] == 0, "Ctrl+C leaves nothing running"
    if os.geteuid() == 0:
        assert summary["isolated"], "one system account per learner"
    if summary["limited"]:  # where cgroups can be made (not in every container)
        assert summary["memory_limit_mb"] == 1024, "the default 1 GB per learner"


def _form(session, url: str, **fields):
    """POST a hub form with its _xsrf token (fetched from the page first)."""
    page = session.get(url)
    fields["_xsrf"] = session.cookies.get("_xsrf") or re.search(
        r'name="_xsrf" value="([^"]+)"', page.text
    ).group(1)
    return session.post(url, data=fields, allow_redirects=False)


def test_a_learner_gets_in_only_once_the_instructor_approves(tmp_path):
    """`make classroom`'s own hub and authenticator: sign up, refused, approved, logged in."""
    import requests

    reason = _hub_ready()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from lowback.classroom_check import free_port

    port = free_port()
    env = dict(
        os.environ,
        LOWBACK_HUB_API_PORT=str(free_port()),
        LOWBACK_PROXY_API_PORT=str(free_port()),
        LOWBACK_HUB_LOG_LEVEL="WARN",
    )
    cmd = [sys.executable, "-m", "lowback.classroom", "serve", "--port", str(port)]
    cmd += ["--state", str(tmp_path / "state"), "--admin", "teacher"]
    log = (tmp_path / "hub.log").open("w")
    hub = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/hub"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{url}/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert hub.poll() is None, (tmp_path / "hub.log").read_text()
            time.sleep(0.2)
        learner, teacher = requests.Session(), requests.Session()
        password = "a long lumbar password"
        for who, name in ((teacher, "teacher"), (learner, "ana")):
            signup = _form(
                who,
                f"{url}/signup",
                username=name,
                signup_password=password,
                signup_password_confirmation=password,
            )
            assert signup.status_code == 200, signup.text[:500]
        refused = _form(learner, f"{url}/login", username="ana", password=password)
        assert "jupyterhub-session-id" not in refused.cookies, "not yet approved"
        admin = _form(teacher, f"{url}/login", username="teacher", password=password)
        assert admin.status_code == 302, "the instructor is approved automatically"
        assert teacher.get(f"{url}/admin").status_code == 200
        assert teacher.get(f"{url}/authorize/ana").status_code == 200
        let_in = _form(learner, f"{url}/login", username="ana", password=password)
        assert let_in.status_code == 302, let_in.text[:500]
        assert learner.get(f"{url}/admin").status_code == 403, "learners have no admin page"
    finally:
        hub.send_signal(signal.SIGINT)
        assert hub.wait(timeout=60) == 0
        log.close()
