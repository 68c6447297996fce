"""report.html in a real browser: `loadlaw report` on a simulator sweep, the
page opened from its file in headless Chromium with no network, checked for
console errors, network requests and charts that drew nothing, and saved as
a screenshot (build/test-artifacts/report/report.png).

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: commands on fd 3, replies on fd 4), so the test
needs nothing beyond the standard library and Debian's `chromium`.

Also a tool: `python tests/python/test_report_browser.py REPORT.html OUT.png
[HEIGHT]` saves the top HEIGHT pixels of a report (docs/report.png).
"""

import base64
import fcntl
import html
import json
import os
import pathlib
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("LOADLAW_BUILD_DIR", ROOT / "build"))
ARTIFACTS = BUILD / "test-artifacts" / "report"
CHARTS = ["throughput", "latency_ttft", "latency_tpot", "latency_e2e", "scale",
          "cost_per_token", "holdout", "gauges"]
# Headless with nothing that reaches the network (without the background
# networking flags Chromium calls home at start).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--hide-scrollbars", "--remote-debugging-pipe"]
TIMEOUT_S = 30


def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Debian's chromium is not installed: run bash scripts/setup.sh")
    return path


class Browser:
    """One headless Chromium and one page, spoken to over the pipe."""

    def __init__(self, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="loadlaw-chromium-")
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def wire():  # in the child: commands on fd 3, replies on fd 4
            # Move both ends above 4 first, so neither dup2 clobbers the other.
            commands = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.proc = subprocess.Popen(
            [chromium_path(), *FLAGS, f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=wire, close_fds=False)
        os.close(to_child)
        os.close(from_child)
        self._next_id = 0
        self.events = queue.Queue()
        self._replies = {}
        self._lock = threading.Condition()
        self._thread = threading.Thread(target=self._reader, daemon=True)
        self._thread.start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable", session=True)
        # Nothing leaves the machine even if a page asks (the request is
        # still seen, and reported, as Network.requestWillBeSent).
        self.call("Network.setBlockedURLs", session=True,
                  urls=["http://*", "https://*", "ws://*", "wss://*", "ftp://*"])
        self.call("Emulation.setDeviceMetricsOverride", session=True,
                  width=width, height=height, deviceScaleFactor=1, mobile=False)

    def _reader(self):
        buffer = b""
        while True:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._replies[message["id"]] = message
                        self._lock.notify_all()
                else:
                    self.events.put(message)

    def call(self, method, session=False, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        with self._lock:
            while self._next_id not in self._replies:
                if not self._lock.wait(deadline - time.monotonic()):
                    raise TimeoutError(f"chromium did not answer {method}")
            reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def drain_events(self):
        out = []
        while not self.events.empty():
            out.append(self.events.get())
        return out

    def close(self):
        try:
            self.call("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        self._thread.join(timeout=10)
        os.close(self._read)
        shutil.rmtree(self.profile, ignore_errors=True)


def wait_for_load(browser, events):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            event = browser.events.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        events.append(event)
        if event.get("method") == "Page.loadEventFired":
            return
    raise TimeoutError("the page did not finish loading")


def open_page(html_path, screenshot=None, height=None):
    """Loads html_path; returns what the page logged, requested and drew."""
    browser = Browser()
    try:
        events = []
        browser.call("Page.navigate", session=True,
                     url=pathlib.Path(html_path).resolve().as_uri())
        wait_for_load(browser, events)
        state = browser.call(
            "Runtime.evaluate", session=True, returnByValue=True,
            expression="JSON.stringify({drawn: window.__loadlawCharts || null,"
            " canvases: Array.from(document.querySelectorAll("
            "'canvas[data-chart]')).map(c => c.dataset.chart)})")
        page = json.loads(state["result"]["value"])
        if screenshot is not None:
            save_screenshot(browser, screenshot, height)
        events += browser.drain_events()
    finally:
        browser.close()
    return {"errors": console_errors(events), "requests": remote_requests(events),
            "drawn": page["drawn"], "canvases": page["canvases"]}


def save_screenshot(browser, path, height=None):
    size = browser.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "scale": 1,
            "height": min(size["height"], height or size["height"])}
    shot = browser.call("Page.captureScreenshot", session=True, format="png",
                        captureBeyondViewport=True, clip=clip)
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def console_errors(events):
    out = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            out.append(details.get("exception", {}).get("description")
                       or details.get("text"))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            out.append(" ".join(str(a.get("value", a.get("description")))
                                for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            out.append(params["entry"]["text"])
    return out


def remote_requests(events):
    return [e["params"]["request"]["url"] for e in events
            if e.get("method") == "Network.requestWillBeSent"
            and not re.match(r"(file|data|about|blob):", e["params"]["request"]["url"])]


def problems(result):
    """Why a loaded report is not acceptable; empty when it is."""
    out = [f"console error: {e}" for e in result["errors"]]
    out += [f"network request: {u}" for u in result["requests"]]
    drawn = result["drawn"] or {}
    if result["drawn"] is None:
        out.append("the charts did not run (window.__loadlawCharts unset)")
    for chart in result["canvases"]:
        if drawn.get(chart, 0) <= 0:
            out.append(f"chart {chart} drew no data")
    return out


def run(args):
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    loadlaw, fixture = BUILD / "bin" / "loadlaw", BUILD / "tests" / "report_sim_fixture"
    for binary in (loadlaw, fixture):
        if not binary.exists():
            pytest.fail(f"{binary} is missing: build first (bash scripts/setup.sh)")
    out = tmp_path_factory.mktemp("report")
    run([str(fixture), str(out)])
    written = run([str(loadlaw), "report", str(out / "sim.sweep.json"),
                   str(out / "sim.model.json"), "--demand", "200rps",
                   "--slo", "p99(e2e)<1.5s", "--slo", "p95(ttft)<150ms",
                   "--headroom", "20%", "--pricing", "models/pricing.json",
                   "--out", str(out / "report")])
    assert written.split() == [str(out / "report" / n)
                               for n in ("report.html", "report.md", "report.json")]
    return out / "report"


def test_report_renders_offline_with_every_chart_drawn(report_dir, capsys):
    screenshot = ARTIFACTS / "report.png"
    result = open_page(report_dir / "report.html", screenshot=screenshot)
    assert problems(result) == []
    assert sorted(result["canvases"]) == sorted(CHARTS)
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    with capsys.disabled():
        print(f"\nreport screenshot: {screenshot}")


def test_markdown_and_json_carry_the_numbers_of_the_html(report_dir):
    page = (report_dir / "report.html").read_text()
    markdown = (report_dir / "report.md").read_text()
    report = json.loads((report_dir / "report.json").read_text())
    texts = [report["answer"]]
    for figure in report["headline"]:
        texts += [figure["text"], figure["interval_text"]]
    for section in report["sections"]:
        for table in section["tables"]:
            texts += [cell["text"] for row in table["rows"] for cell in row]
    texts = [t for t in texts if t]
    assert len(texts) > 100
    for text in texts:
        assert html.escape(text) in page, text
        assert text.replace("|", "\\|") in markdown, text


def edited_copy(report_dir, tmp_path, edit):
    page = edit((report_dir / "report.html").read_text())
    path = tmp_path / "report.html"
    path.write_text(page)
    return path


def empty_first_chart(page):
    match = re.search(r'(<script type="application/json" id="loadlaw-data">)(.*?)(</script>)',
                      page, re.S)
    data = json.loads(match.group(2))
    for series in data["charts"][0]["series"]:
        series["points"] = []
    return page[:match.start(2)] + json.dumps(data) + page[match.end(2):]


@pytest.mark.parametrize("edit, expected", [
    (empty_first_chart, "chart throughput drew no data"),
    (lambda p: p.replace("</body>", "<script>console.error('boom')</script></body>"),
     "console error: boom"),
    (lambda p: re.sub(r"/\*!\s*\n \* Chart\.js.*?\n</script>", "</script>", p, flags=re.S),
     "console error: ReferenceError: Chart is not defined"),
    (lambda p: p.replace("</body>", '<img src="http://127.0.0.1:9/x.png"></body>'),
     "network request: http://127.0.0.1:9/x.png"),
])
def test_the_check_fails_a_broken_page(report_dir, tmp_path, edit, expected):
    result = open_page(edited_copy(report_dir, tmp_path, edit))
    found = problems(result)
    assert any(p.startswith(expected) for p in found), found


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: test_report_browser.py REPORT.html OUT.png [HEIGHT]")
    shown = open_page(sys.argv[1], screenshot=sys.argv[2],
                      height=int(sys.argv[3]) if len(sys.argv) == 4 else None)
    print("\n".join(problems(shown)) or f"ok: {sys.argv[2]}")
