import sys

from .main import cli_reference_markdown, main

if sys.argv[1:] == ["--reference"]:
    sys.stdout.write(cli_reference_markdown())
    sys.exit(0)
sys.exit(main())
