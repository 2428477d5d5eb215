"""`make serve` says where each language is, and it is there (the site is mounted under the
path of site_url, so the root of the server is not the site's)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from repo_data import languages
from workflow_support import copy_project, tool

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_make_serve_prints_the_address_of_every_language_and_each_answers(tmp_path):
    project = copy_project(tmp_path / "clone")
    os.symlink(Path(tool("python")).parent.parent, project / ".venv")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(["make", "-o", ".venv/.installed-stamp", "--no-print-directory", "serve",
                                   f"SERVE_ADDR=127.0.0.1:{port}"], cwd=project, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        addresses: dict[str, str] = {}
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and len(addresses) < len(languages()):
            time.sleep(0.5)
            addresses = dict(re.findall(r"mdbabel: .+? \((\S+)\) is at (http://\S+)",
                                        log.read_text(encoding="utf-8")))
        assert set(addresses) == set(languages()), log.read_text(encoding="utf-8")[-3000:]
        for code, url in addresses.items():
            assert url.startswith(f"http://127.0.0.1:{port}/")
            status, page = 0, ""
            while time.monotonic() < deadline and status != 200:
                status, page = _status(url)
                if status != 200:
                    time.sleep(0.5)
            assert status == 200, url
            assert f'<html lang="{code}"' in page, url
        # the server's root is not the site: the printed address is the one to open
        root = f"http://127.0.0.1:{port}/"
        if addresses[languages()[0]] != root and len(languages()) > 1:
            assert _status(root + f"{languages()[1]}/")[0] == 404
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
