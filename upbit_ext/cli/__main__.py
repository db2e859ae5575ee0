import sys

from upbit_ext.cli import main

sys.exit(main())
