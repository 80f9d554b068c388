import os
import sys

try:
    from pantau.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python still loads the modules (seconds when busy)
    print("Dibatalkan.", file=sys.stderr)
    sys.exit(130)

code = main()
queries = sys.modules.get("pantau.queries")
if queries is not None and queries.warming():
    # `serve` stopped while its warm-up thread is inside DuckDB: Python's own exit would stop
    # that thread mid-query and DuckDB aborts the process ("terminate called …", exit -6). Only
    # reads run there (the lake is written by atomic renames), so leave at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
