import sys
from pathlib import Path

# Tests import their helpers (tests/_spec.py) and the recorders in scripts/ (which define
# the one call per operation that the cassettes hold) as top-level modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
