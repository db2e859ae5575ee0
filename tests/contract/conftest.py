import sys
from pathlib import Path

# The contract tests replay exactly what the recorders in scripts/ call and write.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
