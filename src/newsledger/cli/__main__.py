"""``python -m newsledger.cli``: the same CLI without the console script on PATH."""
from newsledger.cli import main

main()
