"""The house rules on imports (pyproject.toml [tool.importlinter]) as a test: apps import only
downwards, services never import tasks, pure domain modules import no Django or Celery."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importregels():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    uitvoer = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr
