"""Audit the installed packages against PyPI's advisory data with pip-audit.

Known vulnerabilities fail CI (exit 1) and are listed with their fixed versions. Packages the
advisory service could not look up are counted and named: when none at all could be audited
(no network, or an index that does not serve PyPI's per-release JSON) that is a loud warning,
and a failure with INSCOPE_REQUIRE_AUDIT=1, rather than a silent "no known vulnerabilities".
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main():
    run = subprocess.run(
        [str(PIP_AUDIT), "--local", "--skip-editable", "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit could not run (exit {run.returncode}):\n{run.stderr.strip()[-2000:]}")
        return 1 if os.environ.get("INSCOPE_REQUIRE_AUDIT") == "1" else 0
    dependencies = report["dependencies"]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {len(dependencies)} packages, {audited} audited, {len(skipped)} unknown to the advisory service")
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            print(f"  VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if skipped and not audited:
        print("WARNING: no package could be audited; the advisory service is unreachable from here.")
        return 1 if os.environ.get("INSCOPE_REQUIRE_AUDIT") == "1" else 0
    if skipped:
        print("  not audited: " + ", ".join(sorted(dep["name"] for dep in skipped)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
