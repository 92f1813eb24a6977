"""A real nginx on 127.0.0.1 serving a folder, with its own access log, for tests."""

from __future__ import annotations

import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.sitekit import free_port

NGINX = Path("/usr/sbin/nginx")
DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


@dataclass
class RunningNginx:
    base: str
    access_log: Path

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of ``path`` (relative to the site root), errors included."""
        request = urllib.request.Request(self.base + path.lstrip("/"), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


def deploy_block(root: Path, headers: Path) -> str:
    """The lines of ``deploy/nginx.conf`` between its ``bantin site`` markers, as shipped,
    with only ``root`` and the security-headers ``include`` pointed at a test build."""
    text = DEPLOY.read_text(encoding="utf-8")
    block = re.search(r"# --- bantin site: begin.*?\n(.*?)\n\s*# --- bantin site: end", text, re.S)
    assert block, "deploy/nginx.conf lost its 'bantin site' markers"
    lines, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", rf"\1root {root};", block.group(1))
    lines, includes = re.subn(
        r"(?m)^(\s*)include\s+\S*bantin-security-headers\.conf;", rf"\1include {headers};", lines
    )
    assert roots == 1 and includes == 1
    return lines


@contextmanager
def nginx(workdir: Path, root: Path | None, server_lines: str = "") -> Iterator[RunningNginx]:
    """Serve ``root`` until the block ends; the access log is nginx's "combined" format.

    With ``root=None`` the ``server_lines`` carry their own ``root``.
    """
    if not NGINX.exists():
        raise RuntimeError("nginx is missing: .ci/run installs Debian's 'nginx-light'")
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = workdir / "access.log"
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""
daemon off;
worker_processes 1;
user root;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {log} combined;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{f"        root {root};{chr(10)}        index index.html;" if root else ""}
{server_lines}
    }}
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run(
        [str(NGINX), "-t", "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "error.log")],
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    process = subprocess.Popen(
        [str(NGINX), "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except urllib.error.HTTPError:
                break  # nginx answers: the site itself may have no page at "/"
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((workdir / "error.log").read_text()) from None
                time.sleep(0.1)
        yield RunningNginx(base, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
