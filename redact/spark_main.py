"""``spark-submit`` entry point: runs ``redact spark`` with the arguments given after it.

    spark-submit --master yarn "$(python -c 'import redact.spark_main as m; print(m.__file__)')" \\
        s3://bucket/in.csv s3://bucket/out/ --policy policy.toml

spark-submit needs a Python file as the application; this one joins the session spark-submit
configured (master, executors, memory) instead of starting its own.
"""

from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> None:
    from redact.cli import main

    main(["spark", *(sys.argv[1:] if argv is None else argv)], prog_name="redact")


if __name__ == "__main__":
    run()
