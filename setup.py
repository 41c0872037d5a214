"""Ward for pre-commit's `language: python` hooks (see .pre-commit-hooks.yaml).

pre-commit runs `pip install .` in its clone of this repository. Building that package runs
scripts/install-release, which downloads Ward's Linux release (the version pinned in
tools/release-checksums.txt, from this repository's GitHub releases or WARD_RELEASE_URL), refuses
it unless its SHA-256 matches the pin, and unpacks it into the package. The hook environment's
`ward` is a shell script that runs that binary: nothing is compiled and no Python starts per
commit. The machine needs the runtime packages the README names.
"""
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithRelease(build_py):
    """Adds the checked release to the built package."""

    def run(self):
        super().run()
        target = Path(self.build_lib).resolve() / "ward_pre_commit" / "release"
        subprocess.run(["bash", str(ROOT / "scripts" / "install-release"), "--into", str(target)], check=True)


setup(
    name="ward-pre-commit",
    version="0",
    description="Ward's release for pre-commit hook environments",
    packages=["ward_pre_commit"],
    package_dir={"ward_pre_commit": "tools/pre-commit/ward_pre_commit"},
    scripts=["tools/pre-commit/ward"],
    cmdclass={"build_py": BuildWithRelease},
    zip_safe=False,
)
