"""Writes deploy/nginx.conf for one run: `python deploy/nginx_conf.py PORT APP_PORT RUN_DIR` (make serve, tests)."""

import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"


def nginx_conf_write(port: int, app_port: int, run_dir: Path) -> Path:
    """Fill in the template, make nginx's folders under run_dir, return the path of the written file."""
    run_dir.mkdir(parents=True, exist_ok=True)
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / folder).mkdir(exist_ok=True)
    text = TEMPLATE.read_text()
    for name, value in (("@PORT@", port), ("@APP_PORT@", app_port), ("@RUN_DIR@", run_dir)):
        text = text.replace(name, str(value))
    written = run_dir / "nginx.conf"
    written.write_text(text)
    return written


if __name__ == "__main__":
    port, app_port, run_dir = sys.argv[1:4]
    print(nginx_conf_write(int(port), int(app_port), Path(run_dir).resolve()))
